/**
 * Reads what a client sends to PostgreSQL on one connection (the frontend half of the wire
 * protocol) and reports each statement: a simple Query ('Q') or a Parse ('P') of the extended
 * protocol, which the Neon driver sends once per statement (no named prepared statements). So the
 * bench counts statements on PostgreSQL in its WebSocket bridge, outside the app. A transaction's
 * BEGIN and COMMIT are statements here, as they are on the wire.
 */
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

export function pgStatementReader(onStatement: (sql: string) => void): (chunk: Buffer) => void {
  let buffer = Buffer.alloc(0);
  let startup = true;
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      // The startup message (and an SSL or GSS request before it) has no type byte.
      const header = startup ? 0 : 1;
      if (buffer.length < header + 4) return;
      const end = header + buffer.readInt32BE(header);
      if (buffer.length < end) return;
      const message = buffer.subarray(0, end);
      buffer = buffer.subarray(end);
      if (startup) {
        const code = message.readInt32BE(4);
        startup = code === SSL_REQUEST || code === GSSENC_REQUEST;
        continue;
      }
      const body = message.subarray(5);
      const type = String.fromCharCode(message[0]!);
      if (type === 'Q') onStatement(body.toString('utf8', 0, body.indexOf(0)));
      if (type === 'P') {
        const start = body.indexOf(0) + 1; // after the statement's name
        onStatement(body.toString('utf8', start, body.indexOf(0, start)));
      }
    }
  };
}
