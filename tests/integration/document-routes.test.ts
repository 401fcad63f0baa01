import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '@/lib/auth/session';
import { eq } from 'drizzle-orm';
import { applications } from '@/lib/db/schema';
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
const session = vi.hoisted(() => ({
  user: null as CurrentUser | null,
  staff: null as { stage: 'full' | 'enrolment'; role: string } | null,
}));
vi.mock('@/lib/auth/session', () => ({ getCurrentUser: async () => session.user }));
vi.mock('@/lib/staff/require-staff', () => ({ getCurrentStaff: async () => session.staff }));

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

/** What a browser's form navigation sends beside its body (the plain form, no JavaScript). */
const FORM_NAVIGATION = {
  origin: ORIGIN,
  host: 'localhost:3000',
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-site': 'same-origin',
};
/** What a program sends: no HTML accepted, no navigation. */
const PROGRAM = { origin: ORIGIN, host: 'localhost:3000', accept: '*/*' };

function post(
  reference: string,
  files: Array<[string, Buffer]>,
  headers: Record<string, string> = FORM_NAVIGATION,
  item = 'sitePlan',
) {
  const form = new FormData();
  for (const [name, bytes] of files)
    form.append('files', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
  const request = new Request(
    `${ORIGIN}/api/applications/${reference}/documents?item=${item}&locale=fr`,
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
      ...FORM_NAVIGATION,
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
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

describe('the upload route, asked by a program', () => {
  it('DOC-04: answers 201, 415, 413, 400 and 404 in plain text, never a 303 to a page', async () => {
    const owner = await registeredUser(deps, 'route-program@example.ca');
    const reference = await fillPermit(deps, owner, { documents: false });
    signIn(owner);
    const answers = async (files: Array<[string, Buffer]>) => {
      const response = await post(reference, files, PROGRAM);
      expect(response.headers.get('location')).toBeNull();
      return { status: response.status, text: await response.text() };
    };
    expect(await answers([['plan.pdf', PDF]])).toEqual({ status: 201, text: '1 accepted\n' });
    expect(await answers([['faux.pdf', EXE]])).toEqual({
      status: 415,
      text: '0 accepted\nwrong_type: faux.pdf\n',
    });
    const big = Buffer.alloc(31 * 1024 * 1024, 0x20);
    PDF.copy(big);
    expect(await answers([['enorme.pdf', big]])).toMatchObject({ status: 413 });
    expect(await answers([['vide.pdf', Buffer.alloc(0)]])).toMatchObject({ status: 400 });
    expect(await answers([])).toEqual({ status: 400, text: 'No file\n' });
    // JSON when asked for (the step's script).
    const json = await post(reference, [['vide.pdf', Buffer.alloc(0)]], {
      ...PROGRAM,
      accept: 'application/json',
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({
      accepted: 0,
      refusals: [{ reason: 'empty', name: 'vide.pdf' }],
    });
    const notMultipart = await upload.POST(
      new Request(`${ORIGIN}/api/applications/${reference}/documents?item=sitePlan&locale=fr`, {
        method: 'POST',
        body: 'plan',
        headers: { ...PROGRAM, 'content-type': 'text/plain' },
      }),
      { params: Promise.resolve({ reference }) },
    );
    expect(notMultipart.status).toBe(415);
    expect(notMultipart.headers.get('content-type')).toBe('text/plain; charset=utf-8');

    signIn(await registeredUser(deps, 'route-program-intruder@example.ca'));
    expect(await answers([['plan.pdf', PDF]])).toEqual({ status: 404, text: 'Not found\n' });
    session.user = null;
    expect(await answers([['plan.pdf', PDF]])).toMatchObject({ status: 401 });
    expect((await listDocuments(t.db, owner, reference)).map((d) => d.fileName)).toEqual([
      'plan.pdf',
    ]);
  });

  it('DOC-04: refuses an item its checklist leaves out for these answers (when), for a form or a program, storing nothing', async () => {
    const owner = await registeredUser(deps, 'route-when@example.ca');
    // An addition: the energy-efficiency form is asked for, the demolition survey is not.
    const reference = await fillPermit(deps, owner, { documents: false });
    signIn(owner);
    for (const headers of [FORM_NAVIGATION, PROGRAM]) {
      const refused = await post(reference, [['releve.pdf', PDF]], headers, 'demolitionSurvey');
      expect(refused.status).toBe(404);
      expect(refused.headers.get('location')).toBeNull();
    }
    expect(await listDocuments(t.db, owner, reference)).toEqual([]);
    const accepted = await post(reference, [['energie.pdf', PDF]], PROGRAM, 'energyEfficiency');
    expect(accepted.status).toBe(201);
    expect((await listDocuments(t.db, owner, reference)).map((d) => d.item)).toEqual([
      'energyEfficiency',
    ]);
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

  it('DOC-03, STF-02: a staff member with both factors downloads a submitted application’s file; a half-open staff session, or a draft’s file, is 404', async () => {
    const owner = await registeredUser(deps, 'route-staff-download@example.ca');
    const reference = await fillPermit(deps, owner, { documents: false });
    signIn(owner);
    await post(reference, [['Plan.pdf', PDF]]);
    const [document] = await listDocuments(t.db, owner, reference);
    session.user = null;
    session.staff = { stage: 'full', role: 'inspector' };
    // Still a draft: staff never see drafts.
    expect((await get(document!.id)).status).toBe(404);
    await t.db
      .update(applications)
      .set({ status: 'submitted' })
      .where(eq(applications.reference, reference));
    const response = await get(document!.id);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
    session.staff = { stage: 'enrolment', role: 'admin' };
    expect((await get(document!.id)).status).toBe(404);
    session.staff = null;
    expect((await get(document!.id)).status).toBe(404);
  });
});
