import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db/client';

describe('the embedded database (PGlite)', () => {
  it('keeps 16 MB of shared buffers, set on the command line so initdb’s postgresql.conf stays', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monso-embedded-'));
    vi.stubEnv('DATABASE_URL', '');
    vi.stubEnv('PGLITE_DIR', path.join(dir, 'pglite'));
    const db = await getDb();
    const result = (await db.execute(sql`show shared_buffers`)) as unknown as {
      rows: { shared_buffers: string }[];
    };
    expect(result.rows[0]?.shared_buffers).toBe('16MB');
    const conf = fs.readFileSync(path.join(dir, 'pglite', 'postgresql.conf'), 'utf8');
    expect(conf).toMatch(/^max_connections\s*=/m);
    expect(conf).not.toMatch(/^shared_buffers\s*=\s*16MB/m);
  });
});
