/**
 * Issue 17: a 30 MB upload is streamed, so the server's memory grows by far less than the file.
 * Measured here as one upload through the portal's own uploadDocument (the function the upload
 * route calls per file) and the `fs` driver, its source a stream of 64 KiB chunks as busboy gives
 * them, in a process of its own holding an embedded PGlite: the growth of
 * the live V8 heap, of the live buffers and of the RSS over the idle process, sampled after a
 * full collection at each megabyte sent (the largest of the 30 samples): a function that held
 * the file would show 30 MB of buffers.
 *
 * `measureUploadMemory()` runs this file as a child and reads its one JSON line; run alone
 * (`npx tsx bench/upload-memory.ts`) it prints the line.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TSX_CLI } from './config';

export interface UploadMemoryResult {
  fileBytes: number;
  status: string;
  seconds: number;
  /** Largest growth over the idle process, sampled after a full collection at each megabyte. */
  liveHeapGrowth: number;
  liveBuffersGrowth: number;
  rssGrowth: number;
}

const FILE_BYTES = 30 * 1024 * 1024;
const CHUNK = 64 * 1024;
const MB = 1024 * 1024;

/** `size` bytes opening with a PDF header in fresh 64 KiB chunks; `measure` at each megabyte. */
async function* streamedPdf(size: number, measure: () => Promise<void> = async () => {}) {
  for (let sent = 0; sent < size; sent += CHUNK) {
    if (sent % MB === 0) await measure();
    const chunk = Buffer.alloc(Math.min(CHUNK, size - sent), 0x20);
    if (sent === 0) chunk.write('%PDF-1.7\n');
    yield chunk;
  }
}

async function probe(): Promise<UploadMemoryResult> {
  // tsx runs this file in a process of its own, without the parent's flags: gc from V8 itself.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const folder = await mkdtemp(path.join(os.tmpdir(), 'bench-upload-'));
  // An embedded database of its own, migrated on open, removed after.
  process.env.PGLITE_DIR = path.join(folder, 'pglite');
  process.env.DATABASE_URL = '';
  const { getDb } = await import('@/lib/db/client');
  const { fakeClock } = await import('@/tests/helpers/db');
  const { testDeps } = await import('@/tests/helpers/accounts');
  const { registeredUser } = await import('@/tests/helpers/registration');
  const { fillPermit } = await import('@/tests/helpers/applications');
  const { uploadDocument } = await import('@/lib/documents/upload-document');
  const { noScanner } = await import('@/lib/documents/scan');
  const { FsStorage } = await import('@/lib/storage/fs-storage');

  try {
    const base = testDeps(await getDb(), fakeClock(new Date()));
    const deps = {
      ...base,
      storage: new FsStorage(path.join(folder, 'uploads')),
      scanner: noScanner,
    };
    const userId = await registeredUser(base, 'bench-upload@example.ca');
    const reference = await fillPermit(base, userId, { documents: false });
    // A small upload first: every module and code path warm, so the measure is the file's.
    await uploadDocument(deps, {
      userId,
      reference,
      item: 'ownerAuthorization',
      fileName: 'warm.pdf',
      stream: Readable.from(streamedPdf(CHUNK * 2), { objectMode: false }),
    });
    // Until the buffers' memory stops falling: V8 frees dead buffers in the background.
    const settle = async () => {
      let previous = Infinity;
      for (let round = 0; round < 10; round += 1) {
        gc();
        await new Promise((resolve) => setTimeout(resolve, 5));
        const now = process.memoryUsage().arrayBuffers;
        if (now >= previous) return;
        previous = now;
      }
    };
    await settle();
    const idle = process.memoryUsage();
    const growth = { heap: 0, buffers: 0, rss: 0 };
    const measure = async () => {
      gc();
      const now = process.memoryUsage();
      growth.heap = Math.max(growth.heap, now.heapUsed - idle.heapUsed);
      growth.buffers = Math.max(growth.buffers, now.arrayBuffers - idle.arrayBuffers);
      growth.rss = Math.max(growth.rss, now.rss - idle.rss);
    };
    const started = performance.now();
    const result = await uploadDocument(deps, {
      userId,
      reference,
      item: 'constructionDrawings',
      fileName: 'plans-30-mo.pdf',
      stream: Readable.from(streamedPdf(FILE_BYTES, measure), { objectMode: false }),
    });
    const seconds = (performance.now() - started) / 1000;
    await measure();
    return {
      fileBytes: FILE_BYTES,
      status: result.status,
      seconds,
      liveHeapGrowth: growth.heap,
      liveBuffersGrowth: growth.buffers,
      rssGrowth: growth.rss,
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Runs the probe in a child process of its own; its security-event lines are ignored. */
export function measureUploadMemory(): Promise<UploadMemoryResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, 'bench/upload-memory.ts'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        MONSO_UPLOAD_MEMORY_PROBE: '1',
        AUTH_SECRET: 'bench-upload-memory-secret-0123456789abcdef',
      },
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('MONSO_UPLOAD_MEMORY '));
      if (code !== 0 || !line) return reject(new Error(`upload memory probe failed (${code})`));
      resolve(JSON.parse(line.slice('MONSO_UPLOAD_MEMORY '.length)) as UploadMemoryResult);
    });
  });
}

if (
  process.env.MONSO_UPLOAD_MEMORY_PROBE === '1' ||
  process.argv[1]?.endsWith('upload-memory.ts')
) {
  probe().then(
    (result) => {
      console.log(`MONSO_UPLOAD_MEMORY ${JSON.stringify(result)}`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
