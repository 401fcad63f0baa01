import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '@/lib/auth/session';
import { listDocuments } from '@/lib/documents/list-documents';
import { testDeps } from '../helpers/accounts';
import { fillPermit } from '../helpers/applications';
import { createTestDb, fakeClock, type TestDb } from '../helpers/db';
import { registeredUser } from '../helpers/registration';

/**
 * The upload and download route handlers called as Next.js calls them (a real multipart body,
 * parsed by busboy), on PGlite and the fs store in a temporary folder; the signed-in person is
 * whoever the test says.
 */
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock('@/lib/auth/session', () => ({ getCurrentUser: async () => session.user }));

const uploads = await mkdtemp(path.join(os.tmpdir(), 'document-routes-'));
process.env.UPLOADS_DIR = uploads;
process.env.CLAMAV_URL = '';
const upload = await import('@/app/api/applications/[reference]/documents/route');
const download = await import('@/app/api/documents/[id]/route');

const ORIGIN = 'http://localhost:3000';
const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');
const EXE = Buffer.from('MZ\x90\x00 this program cannot be run in DOS mode');

let t: TestDb;
let deps: ReturnType<typeof testDeps>;
const dbCache = globalThis as typeof globalThis & { __monsoDb?: Promise<unknown> };
beforeAll(async () => {
  t = await createTestDb();
  dbCache.__monsoDb = Promise.resolve(t.db);
  deps = testDeps(t.db, fakeClock(new Date()));
}, 60_000);
afterAll(async () => {
  await t?.close();
  await rm(uploads, { recursive: true, force: true });
});

const signIn = (id: string) => {
  session.user = { id, passwordChangeRequired: false } as CurrentUser;
};

function post(
  reference: string,
  files: Array<[string, Buffer]>,
  headers: Record<string, string> = { origin: ORIGIN, host: 'localhost:3000' },
) {
  const form = new FormData();
  for (const [name, bytes] of files)
    form.append('files', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
  const request = new Request(
    `${ORIGIN}/api/applications/${reference}/documents?item=sitePlan&locale=fr`,
    { method: 'POST', body: form, headers },
  );
  return upload.POST(request, { params: Promise.resolve({ reference }) });
}

const get = (id: string) =>
  download.GET(new Request(`${ORIGIN}/api/documents/${id}`), {
    params: Promise.resolve({ id }),
  });

describe('the plain-form upload route', () => {
  it('DOC-01: streams each file through the rules and answers 303 with the accepted count and each refusal', async () => {
    const owner = await registeredUser(deps, 'route-owner@example.ca');
    const reference = await fillPermit(deps, owner, { documents: false });
    signIn(owner);
    const response = await post(reference, [
      ['plan.pdf', PDF],
      ['C:\\Users\\moi\\faux.pdf', EXE],
      ['vide.pdf', Buffer.alloc(0)],
    ]);
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!, ORIGIN);
    expect(location.pathname).toBe(
      `/fr/services-du-code-du-batiment/demandes/${reference}/etape/5`,
    );
    expect(location.searchParams.get('accepted')).toBe('1');
    expect(location.searchParams.getAll('refused')).toEqual([
      'wrong_type:faux.pdf',
      'empty:vide.pdf',
    ]);
    expect((await listDocuments(t.db, owner, reference)).map((d) => d.fileName)).toEqual([
      'plan.pdf',
    ]);
  });

  it('CSRF-02, APP-01: another site’s post stores nothing; another resident gets 404', async () => {
    const owner = await registeredUser(deps, 'route-owner2@example.ca');
    const reference = await fillPermit(deps, owner, { documents: false });
    signIn(owner);
    const crossSite = await post(reference, [['plan.pdf', PDF]], {
      origin: 'https://evil.example',
      host: 'localhost:3000',
    });
    expect(crossSite.status).toBe(303);
    expect(crossSite.headers.get('location')).toContain('uploadError=expired');
    signIn(await registeredUser(deps, 'route-intruder@example.ca'));
    expect((await post(reference, [['plan.pdf', PDF]])).status).toBe(404);
    expect(await listDocuments(t.db, owner, reference)).toEqual([]);
    session.user = null;
    expect((await post(reference, [['plan.pdf', PDF]])).headers.get('location')).toBe(
      '/fr/connexion',
    );
  });
});

describe('the download route', () => {
  it('DOC-03: the owner gets an attachment, its stored type, nosniff, private no-store; anyone else 404 for any id', async () => {
    const owner = await registeredUser(deps, 'route-download@example.ca');
    const reference = await fillPermit(deps, owner, { documents: false });
    signIn(owner);
    await post(reference, [['Plan d’implantation.pdf', PDF]]);
    const [document] = await listDocuments(t.db, owner, reference);
    const response = await get(document!.id);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="Plan dimplantation.pdf"; filename*=UTF-8''Plan%20d%E2%80%99implantation.pdf`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'content-length': String(PDF.length),
    });
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);

    signIn(await registeredUser(deps, 'route-stranger@example.ca'));
    for (const id of [document!.id, crypto.randomUUID(), 'not-an-id']) {
      const refused = await get(id);
      expect(refused.status).toBe(404);
      expect(refused.headers.get('cache-control')).toBe('private, no-store');
    }
    session.user = null;
    expect((await get(document!.id)).status).toBe(404);
  });
});
