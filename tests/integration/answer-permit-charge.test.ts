import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { inflateSync } from 'node:zlib';
import { and, eq, sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSTRUCTION_PERMIT } from '@/lib/applications/catalogue';
import { decisionClock } from '@/lib/applications/decision-clock';
import { respondToRequest } from '@/lib/applications/respond-to-request';
import {
  type ApplicationStatus,
  type ApplicationEventType,
  type ActorRole,
  transitionApplication,
} from '@/lib/applications/status-machine';
import { submitApplication } from '@/lib/applications/submit-application';
import { addDays, ottawaDate } from '@/lib/calendar/business-days';
import {
  applicationDocuments,
  applicationEvents,
  applications,
  applicationVersions,
  informationRequests,
  invoiceLines,
  invoices,
  staffAudit,
  staffMembers,
} from '@/lib/db/schema';
import { openDocument } from '@/lib/documents/open-document';
import { removeDocument } from '@/lib/documents/remove-document';
import { noScanner } from '@/lib/documents/scan';
import { uploadDocument } from '@/lib/documents/upload-document';
import { addStaffCharge } from '@/lib/staff/add-charge';
import { issuePermit, type StaffActor } from '@/lib/staff/issue-permit';
import type { StaffRole } from '@/lib/staff/roles';
import { FsStorage } from '@/lib/storage/fs-storage';
import type { Storage } from '@/lib/storage/storage';
import { outbox, testDeps } from '../helpers/accounts';
import { DECLARATION, fillPermit } from '../helpers/applications';
import { testBackends, type Backend } from '../helpers/backends';
import { fakeClock } from '../helpers/db';
import { activeUser } from '../helpers/registration';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const DAY = 86_400_000;

/** The strings a PDF draws (its content streams inflated, hex strings decoded as Latin-1). */
function drawnText(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf).toString('latin1');
  const lines: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1');
    } catch {
      content = match[1]!;
    }
    for (const text of content.matchAll(/<([0-9A-Fa-f]+)> Tj/g))
      lines.push(Buffer.from(text[1]!, 'hex').toString('latin1'));
  }
  return lines.join('\n');
}

const workDir = await mkdtemp(path.join(os.tmpdir(), 'answer-permit-'));
afterAll(() => rm(workDir, { recursive: true, force: true }));

describe.each(testBackends('answer_permit_charge'))(
  'issue 19: answer, permit, charge on $name',
  (backend: Backend) => {
    let opened: Awaited<ReturnType<Backend['open']>>;
    let deps: ReturnType<typeof testDeps>;
    let storage: FsStorage;
    let n = 0;
    const staff: Partial<Record<StaffRole, StaffActor>> = {};

    beforeAll(async () => {
      opened = await backend.open();
      deps = testDeps(opened.db, fakeClock(new Date('2026-12-01T15:00:00Z')));
      storage = new FsStorage(path.join(workDir, backend.name.length.toString()));
      for (const role of ['intake', 'examiner', 'inspector', 'admin'] as const) {
        const name = role === 'examiner' ? 'Émilie Côté' : `Agent ${role}`;
        const [row] = await deps.db
          .insert(staffMembers)
          .values({ email: `${role}-${backend.name.length}@ottawa.ca`, name, role })
          .returning({ id: staffMembers.id });
        staff[role] = { id: row!.id, role, name };
      }
    }, 120_000);
    afterAll(() => opened?.close());

    const as = (role: StaffRole) => staff[role]!;

    async function applicationOf(reference: string) {
      const [row] = await deps.db
        .select()
        .from(applications)
        .where(eq(applications.reference, reference));
      return row!;
    }

    async function move(
      reference: string,
      event: ApplicationEventType,
      role: ActorRole,
      set?: Partial<typeof applications.$inferInsert>,
    ) {
      const app = await applicationOf(reference);
      const actor = { role, id: role === 'system' ? null : (staff[role as StaffRole]?.id ?? null) };
      await deps.db.transaction(async (tx) => {
        const moved = await transitionApplication(tx, {
          application: { id: app.id, status: app.status as ApplicationStatus },
          event,
          actor,
          now: deps.now(),
          set,
        });
        if (moved.status !== 'ok') throw new Error(`${event} refused from ${app.status}`);
      });
    }

    /** A resident's submitted permit, accepted as complete and under review (the clock runs). */
    async function underReview() {
      n += 1;
      const userId = await activeUser(deps, `resident${n}-${backend.name.length}@example.ca`);
      const reference = await fillPermit(deps, userId);
      const submitted = await submitApplication(deps, {
        userId,
        reference,
        declaration: DECLARATION,
      });
      if (submitted.status !== 'ok') throw new Error(submitted.status);
      await move(reference, 'payment_settled', 'system');
      await move(reference, 'start_completeness_check', 'intake');
      await move(reference, 'accept_complete', 'intake', { acceptedOn: ottawaDate(deps.now()) });
      return { userId, reference, id: (await applicationOf(reference)).id };
    }

    /** The City asks for information (as the staff action does): a row and the event. */
    async function requestInformation(id: string, reference: string) {
      const app = await applicationOf(reference);
      const now = deps.now();
      await deps.db.insert(informationRequests).values({
        applicationId: id,
        requestedBy: as('intake').id,
        requestedAt: now,
        requestedOn: ottawaDate(now),
        fromStatus: app.status,
        items: [
          { kind: 'missing_document', message: 'Le plan d’implantation n’est pas à l’échelle.' },
          { kind: 'correction', message: 'La superficie ne correspond pas aux dessins.' },
        ],
        message: 'Merci de compléter votre demande.',
        dueOn: addDays(ottawaDate(now), 21),
      });
      await move(reference, 'request_information', 'intake');
    }

    async function versionsOf(id: string) {
      return deps.db
        .select()
        .from(applicationVersions)
        .where(eq(applicationVersions.applicationId, id))
        .orderBy(applicationVersions.version);
    }

    describe('the resident answers a request for information', () => {
      it('writes a new version, answers the request, goes back to review and restarts the clock', async () => {
        const { userId, reference, id } = await underReview();
        const acceptedOn = ottawaDate(deps.now());
        deps.clock.advance(DAY);
        await requestInformation(id, reference);
        const [request] = await deps.db
          .select()
          .from(informationRequests)
          .where(eq(informationRequests.applicationId, id));
        deps.clock.advance(6 * DAY);

        const result = await respondToRequest(deps, {
          userId,
          reference,
          message: '  Voici le plan corrigé et la superficie exacte : 24,5 m².  ',
        });
        expect(result).toEqual({ status: 'ok', to: 'under_review', version: 2 });

        const versions = await versionsOf(id);
        expect(versions.map((v) => v.version)).toEqual([1, 2]);
        expect(versions[1]!.answers).toEqual(versions[0]!.answers);
        expect(versions[1]!.submittedAt).toEqual(deps.now());
        const [answered] = await deps.db
          .select()
          .from(informationRequests)
          .where(eq(informationRequests.id, request!.id));
        expect(answered).toMatchObject({
          answeredAt: deps.now(),
          answeredOn: ottawaDate(deps.now()),
          answerMessage: 'Voici le plan corrigé et la superficie exacte : 24,5 m².',
          answerVersion: 2,
        });
        const app = await applicationOf(reference);
        expect(app.status).toBe('under_review');
        const expected = decisionClock({
          acceptedOn,
          businessDays: CONSTRUCTION_PERMIT.decisionBusinessDays,
          pauses: [{ requestedOn: answered!.requestedOn, answeredOn: answered!.answeredOn }],
          today: ottawaDate(deps.now()),
        });
        const unpaused = decisionClock({
          acceptedOn,
          businessDays: CONSTRUCTION_PERMIT.decisionBusinessDays,
          pauses: [],
          today: ottawaDate(deps.now()),
        });
        expect(app.decisionDueOn).toBe(expected.dueOn);
        expect(app.decisionDueOn).not.toBe(unpaused.dueOn);
        const events = await deps.db
          .select()
          .from(applicationEvents)
          .where(
            and(eq(applicationEvents.applicationId, id), eq(applicationEvents.type, 'respond')),
          );
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          fromStatus: 'information_required',
          toStatus: 'under_review',
          actorRole: 'resident',
          actorId: userId,
        });
      });

      it('goes back to the completeness check when the request was made there', async () => {
        n += 1;
        const userId = await activeUser(deps, `early${n}-${backend.name.length}@example.ca`);
        const reference = await fillPermit(deps, userId);
        await submitApplication(deps, { userId, reference, declaration: DECLARATION });
        await move(reference, 'payment_settled', 'system');
        await move(reference, 'start_completeness_check', 'intake');
        const { id } = await applicationOf(reference);
        await requestInformation(id, reference);
        const result = await respondToRequest(deps, { userId, reference, message: 'Voilà.' });
        expect(result).toMatchObject({ status: 'ok', to: 'completeness_review' });
        // The clock has not started (no acceptance yet): no due day.
        expect((await applicationOf(reference)).decisionDueOn).toBeNull();
      });

      it('APP-01: another resident’s answer is not found and changes nothing', async () => {
        const { reference, id } = await underReview();
        await requestInformation(id, reference);
        const other = await activeUser(deps, `other${n}-${backend.name.length}@example.ca`);
        expect(
          await respondToRequest(deps, { userId: other, reference, message: 'Bonjour' }),
        ).toEqual({ status: 'not_found' });
        expect((await applicationOf(reference)).status).toBe('information_required');
        expect(await versionsOf(id)).toHaveLength(1);
      });

      it('APP-02: refuses an answer when no request is open, and a second click answers once', async () => {
        const { userId, reference, id } = await underReview();
        expect(await respondToRequest(deps, { userId, reference, message: 'Trop tôt' })).toEqual({
          status: 'not_open',
          current: 'under_review',
        });
        await requestInformation(id, reference);
        expect(await respondToRequest(deps, { userId, reference, message: '   ' })).toEqual({
          status: 'invalid_message',
        });
        expect(
          await respondToRequest(deps, { userId, reference, message: 'x'.repeat(5001) }),
        ).toEqual({ status: 'invalid_message' });
        const first = await respondToRequest(deps, { userId, reference, message: 'Réponse' });
        const second = await respondToRequest(deps, { userId, reference, message: 'Réponse' });
        expect(first.status).toBe('ok');
        expect(second).toEqual({ status: 'not_open', current: 'under_review' });
        expect(await versionsOf(id)).toHaveLength(2);
        const responds = await deps.db
          .select()
          .from(applicationEvents)
          .where(
            and(eq(applicationEvents.applicationId, id), eq(applicationEvents.type, 'respond')),
          );
        expect(responds).toHaveLength(1);
      });

      it('while answering, files may be added; only those added since the request removed', async () => {
        const { userId, reference, id } = await underReview();
        const docDeps = { ...deps, storage, scanner: noScanner };
        const upload = () =>
          uploadDocument(docDeps, {
            userId,
            reference,
            item: 'sitePlan',
            fileName: 'plan-corrige.pdf',
            stream: Readable.from([PDF]),
          });
        // Under review, the files are the City's to review: no change.
        expect(await upload()).toEqual({ status: 'not_editable' });
        deps.clock.advance(60_000);
        await requestInformation(id, reference);
        deps.clock.advance(60_000);
        const added = await upload();
        expect(added).toMatchObject({ status: 'stored', scanStatus: 'not_scanned' });
        if (added.status !== 'stored') throw new Error(added.status);
        const [reviewed] = await deps.db
          .select({ id: applicationDocuments.id })
          .from(applicationDocuments)
          .where(
            and(
              eq(applicationDocuments.applicationId, id),
              sql`${applicationDocuments.id} <> ${added.id}`,
            ),
          )
          .limit(1);
        expect(await removeDocument(docDeps, { userId, reference, documentId: reviewed!.id })).toBe(
          'not_editable',
        );
        expect(await removeDocument(docDeps, { userId, reference, documentId: added.id })).toBe(
          'ok',
        );
        // A required item left without a file cannot be answered.
        await deps.db
          .delete(applicationDocuments)
          .where(
            and(
              eq(applicationDocuments.applicationId, id),
              eq(applicationDocuments.item, 'sitePlan'),
            ),
          );
        expect(await respondToRequest(deps, { userId, reference, message: 'Voici' })).toEqual({
          status: 'documents_missing',
          items: ['sitePlan'],
        });
        expect((await applicationOf(reference)).status).toBe('information_required');
      });
    });

    /** Under review, approved by the examiner with conditions: ready for issuance. */
    async function readyForIssuance() {
      const app = await underReview();
      await move(app.reference, 'approve', 'examiner', {
        permitConditions: 'Inspection des semelles avant le coulage.\nGarde-corps conforme.',
      });
      return app;
    }

    describe('issuing the permit', () => {
      it('stores the bilingual PDF with the documents, downloadable by the resident; event, audit and email', async () => {
        const { userId, reference, id } = await readyForIssuance();
        const result = await issuePermit(
          { ...deps, storage },
          { applicationId: id, staff: as('admin'), now: deps.now() },
        );
        expect(result.status).toBe('ok');
        if (result.status !== 'ok') throw new Error(result.status);
        const [row] = await deps.db
          .select()
          .from(applicationDocuments)
          .where(eq(applicationDocuments.id, result.documentId));
        expect(row).toMatchObject({
          item: 'permit',
          contentType: 'application/pdf',
          scanStatus: 'not_scanned',
          fileName: `permis-permit-${reference}.pdf`,
        });
        const opened = await openDocument(
          { db: deps.db, storage },
          { userId, documentId: result.documentId },
        );
        expect(opened).not.toBeNull();
        const bytes = await buffer(opened!.body);
        expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
        const pdf = await PDFDocument.load(bytes);
        expect(pdf.getTitle()).toContain(reference);
        const text = drawnText(bytes);
        expect(text).toContain(reference);
        expect(text).toContain('Agrandissement arrière');
        expect(text).toContain('Garde-corps conforme.');
        // The examiner who approved, not the administrator who issued.
        expect(text).toContain('Émilie Côté');
        expect(text).not.toContain('Agent admin');
        // Another resident cannot download it.
        const other = await activeUser(deps, `nosy${n}-${backend.name.length}@example.ca`);
        expect(
          await openDocument(
            { db: deps.db, storage },
            { userId: other, documentId: result.documentId },
          ),
        ).toBeNull();

        expect((await applicationOf(reference)).status).toBe('issued');
        const [audit] = await deps.db
          .select()
          .from(staffAudit)
          .where(and(eq(staffAudit.applicationId, id), eq(staffAudit.action, 'permit_issued')));
        expect(audit).toMatchObject({ actorId: as('admin').id });
        const mail = (await outbox(deps.db)).filter((m) => m.template === 'permit-issued');
        expect(mail.at(-1)?.props).toMatchObject({
          reference,
          applicationUrl: `https://portal.test/fr/services-du-code-du-batiment/demandes/${reference}`,
        });
        // A second click issues nothing more.
        expect(
          await issuePermit(
            { ...deps, storage },
            { applicationId: id, staff: as('admin'), now: deps.now() },
          ),
        ).toEqual({ status: 'not_allowed', current: 'issued' });
        const permits = await deps.db
          .select()
          .from(applicationDocuments)
          .where(
            and(
              eq(applicationDocuments.applicationId, id),
              eq(applicationDocuments.item, 'permit'),
            ),
          );
        expect(permits).toHaveLength(1);
      });

      it('refuses while a charge is outstanding', async () => {
        const { id, reference } = await readyForIssuance();
        const charged = await addStaffCharge(deps, {
          applicationId: id,
          staff: as('examiner'),
          lines: [{ description: 'Redevances d’aménagement', amountCents: 150_000 }],
          reason: 'Logement secondaire',
          now: deps.now(),
        });
        expect(charged.status).toBe('ok');
        expect(
          await issuePermit(
            { ...deps, storage },
            { applicationId: id, staff: as('examiner'), now: deps.now() },
          ),
        ).toEqual({ status: 'charge_outstanding', outstandingCents: 150_000 });
        expect((await applicationOf(reference)).status).toBe('ready_for_issuance');
        const rows = await deps.db
          .select()
          .from(applicationDocuments)
          .where(
            and(
              eq(applicationDocuments.applicationId, id),
              eq(applicationDocuments.item, 'permit'),
            ),
          );
        expect(rows).toHaveLength(0);
      });

      it('STF-02: intake and inspectors cannot issue a permit', async () => {
        const { id, reference } = await readyForIssuance();
        for (const role of ['intake', 'inspector'] as const) {
          expect(
            await issuePermit(
              { ...deps, storage },
              { applicationId: id, staff: as(role), now: deps.now() },
            ),
          ).toEqual({ status: 'not_allowed', current: 'ready_for_issuance' });
        }
        expect((await applicationOf(reference)).status).toBe('ready_for_issuance');
        const audits = await deps.db
          .select()
          .from(staffAudit)
          .where(eq(staffAudit.applicationId, id));
        expect(audits).toHaveLength(0);
      });

      it('a store that fails leaves no row, no event and the status unchanged', async () => {
        const { id, reference } = await readyForIssuance();
        const failing: Storage = {
          ...storage,
          driver: 'fs',
          put: async () => {
            throw new Error('the bucket is down');
          },
          get: (key) => storage.get(key),
          head: (key) => storage.head(key),
          delete: (key) => storage.delete(key),
          list: (prefix) => storage.list(prefix),
        };
        await expect(
          issuePermit(
            { ...deps, storage: failing },
            { applicationId: id, staff: as('examiner'), now: deps.now() },
          ),
        ).rejects.toThrow('the bucket is down');
        expect((await applicationOf(reference)).status).toBe('ready_for_issuance');
        const rows = await deps.db
          .select()
          .from(applicationDocuments)
          .where(
            and(
              eq(applicationDocuments.applicationId, id),
              eq(applicationDocuments.item, 'permit'),
            ),
          );
        expect(rows).toHaveLength(0);
        const issued = await deps.db
          .select()
          .from(applicationEvents)
          .where(and(eq(applicationEvents.applicationId, id), eq(applicationEvents.type, 'issue')));
        expect(issued).toHaveLength(0);
      });
    });

    describe('adding a charge', () => {
      it('writes the invoice with its amount, the event, the audit entry and the email', async () => {
        const { id, reference } = await underReview();
        const result = await addStaffCharge(deps, {
          applicationId: id,
          staff: as('examiner'),
          lines: [{ description: '  Redevances d’aménagement ', amountCents: 123_456 }],
          reason: 'Nouveau logement',
          now: deps.now(),
        });
        expect(result).toMatchObject({ status: 'ok', totalCents: 123_456 });
        if (result.status !== 'ok') throw new Error(result.status);
        const [invoice] = await deps.db
          .select()
          .from(invoices)
          .where(eq(invoices.id, result.invoiceId));
        expect(invoice).toMatchObject({ kind: 'charge', status: 'open', totalCents: 123_456 });
        const lines = await deps.db
          .select()
          .from(invoiceLines)
          .where(eq(invoiceLines.invoiceId, result.invoiceId));
        expect(lines).toEqual([
          expect.objectContaining({
            labelKey: 'charges.staff',
            labelParams: { description: 'Redevances d’aménagement' },
            amountCents: 123_456,
          }),
        ]);
        const events = await deps.db
          .select()
          .from(applicationEvents)
          .where(
            and(eq(applicationEvents.applicationId, id), eq(applicationEvents.type, 'add_charge')),
          );
        expect(events).toEqual([
          expect.objectContaining({ actorRole: 'examiner', actorId: as('examiner').id }),
        ]);
        const [audit] = await deps.db
          .select()
          .from(staffAudit)
          .where(and(eq(staffAudit.applicationId, id), eq(staffAudit.action, 'charge_added')));
        expect(audit).toMatchObject({
          actorId: as('examiner').id,
          detail: expect.objectContaining({ amountCents: 123_456, reason: 'Nouveau logement' }),
        });
        const mail = (await outbox(deps.db)).filter((m) => m.template === 'charge-due');
        expect(mail.at(-1)?.props).toMatchObject({
          reference,
          amountCents: 123_456,
          descriptions: ['Redevances d’aménagement'],
        });
        expect((await applicationOf(reference)).status).toBe('under_review');
      });

      it('STF-02: intake cannot add a charge; nothing is written', async () => {
        const { id } = await underReview();
        const before = (await outbox(deps.db)).length;
        expect(
          await addStaffCharge(deps, {
            applicationId: id,
            staff: as('intake'),
            lines: [{ description: 'Frais', amountCents: 10_000 }],
            reason: 'Essai',
            now: deps.now(),
          }),
        ).toEqual({ status: 'not_allowed' });
        expect(
          await deps.db.select().from(invoices).where(eq(invoices.applicationId, id)),
        ).toHaveLength(1);
        expect(
          await deps.db.select().from(staffAudit).where(eq(staffAudit.applicationId, id)),
        ).toHaveLength(0);
        expect((await outbox(deps.db)).length).toBe(before);
      });

      it('refuses an amount of zero, a missing reason or description', async () => {
        const { id } = await underReview();
        const base = {
          applicationId: id,
          staff: as('examiner'),
          reason: 'Motif',
          now: deps.now(),
        };
        for (const input of [
          { ...base, lines: [{ description: 'Frais', amountCents: 0 }] },
          { ...base, lines: [{ description: 'Frais', amountCents: 10.5 }] },
          { ...base, lines: [{ description: '  ', amountCents: 100 }] },
          { ...base, reason: ' ', lines: [{ description: 'Frais', amountCents: 100 }] },
          { ...base, lines: [] },
        ]) {
          expect(await addStaffCharge(deps, input)).toEqual({ status: 'invalid' });
        }
      });
    });
  },
);
