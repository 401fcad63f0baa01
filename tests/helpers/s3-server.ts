import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * s3rver's only key pair. It checks that a request names a known access key, but it does not
 * verify Signature V4 signatures, nor a POST's policy: tests of what a signature or a policy
 * enforces read the signed document itself (tests/integration/storage.test.ts).
 */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface S3Server {
  /** http://127.0.0.1:<port>, for S3_ENDPOINT (with S3_FORCE_PATH_STYLE=true). */
  endpoint: string;
  stop(): Promise<void>;
}

/** Runs in the child: starts s3rver on a free loopback port and prints that port. */
const SERVER = `
const S3rver = require(process.argv[1]);
const [directory, buckets, cors] = process.argv.slice(2);
new S3rver({
  address: '127.0.0.1',
  port: 0,
  directory,
  silent: true,
  configureBuckets: JSON.parse(buckets).map((name) => ({ name, configs: JSON.parse(cors) })),
})
  .run()
  .then(({ port }) => console.log(JSON.stringify({ port })));
`;

/**
 * A real S3-compatible server (s3rver) on loopback, on a free port, with a temporary folder and
 * the given buckets. `corsOrigin` lets a browser at that origin POST forms to the buckets (the
 * presigned upload) and read the answers.
 *
 * It runs in a child process started with --openssl-legacy-provider: s3rver encrypts its
 * ListObjectsV2 continuation tokens with DES, which Node 17+ refuses without that flag, so every
 * listing longer than one page failed with InternalError. Out of the test's process, its
 * memory is not counted in the test's measures either.
 */
export async function startS3Server(
  buckets: string[],
  options: { corsOrigin?: string } = {},
): Promise<S3Server> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 's3rver-'));
  const cors = options.corsOrigin
    ? [
        `<CORSConfiguration><CORSRule><AllowedOrigin>${options.corsOrigin}</AllowedOrigin>` +
          '<AllowedMethod>POST</AllowedMethod><AllowedMethod>GET</AllowedMethod>' +
          '<AllowedHeader>*</AllowedHeader><MaxAgeSeconds>300</MaxAgeSeconds>' +
          '</CORSRule></CORSConfiguration>',
      ]
    : [];
  const child = spawn(
    process.execPath,
    [
      '--openssl-legacy-provider',
      '-e',
      SERVER,
      // From the project's root, not import.meta: Playwright loads this file as CommonJS.
      createRequire(path.join(process.cwd(), 'package.json')).resolve('s3rver'),
      directory,
      JSON.stringify(buckets),
      JSON.stringify(cors),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await rm(directory, { recursive: true, force: true });
  };
  const lines = createInterface({ input: child.stdout });
  const port = await Promise.race([
    once(lines, 'line').then(([line]) => (JSON.parse(line as string) as { port: number }).port),
    exited.then(([code]) => {
      throw new Error(`s3rver exited (${code}) before it listened: ${stderr.trim()}`);
    }),
  ]).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  lines.close();
  return { endpoint: `http://127.0.0.1:${port}`, stop };
}
