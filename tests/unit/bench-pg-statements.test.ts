import { describe, expect, it } from 'vitest';
import { pgStatementReader } from '@/bench/pg-statements';

/** A frontend message: type byte, int32 length (itself included), body. */
function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0);
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}
const cstring = (text: string) => Buffer.from(`${text}\0`);

function startup(code = 196608): Buffer {
  const body = Buffer.concat([cstring('user'), cstring('postgres'), Buffer.from([0])]);
  const head = Buffer.alloc(8);
  head.writeInt32BE(body.length + 8, 0);
  head.writeInt32BE(code, 4);
  return Buffer.concat([head, body]);
}

describe('pgStatementReader (the bench counts SQL on PostgreSQL in its WebSocket bridge)', () => {
  it('reports each simple Query and each Parse, not Bind, Execute or Sync, across split chunks', () => {
    const seen: string[] = [];
    const read = pgStatementReader((sql) => seen.push(sql));
    const sslRequest = Buffer.alloc(8);
    sslRequest.writeInt32BE(8, 0);
    sslRequest.writeInt32BE(80877103, 4);
    const stream = Buffer.concat([
      sslRequest,
      startup(),
      message('p', cstring('SCRAM-SHA-256')),
      message('Q', cstring('begin')),
      message('P', Buffer.concat([cstring(''), cstring('select 1 where $1'), Buffer.alloc(2)])),
      message('B', Buffer.alloc(10)),
      message('E', Buffer.alloc(5)),
      message('S', Buffer.alloc(0)),
      message('Q', cstring('commit')),
    ]);
    // Three bytes at a time: WebSocket frames may split messages anywhere.
    for (let i = 0; i < stream.length; i += 3) read(stream.subarray(i, i + 3));
    expect(seen).toEqual(['begin', 'select 1 where $1', 'commit']);
  });
});
