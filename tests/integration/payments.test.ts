import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleWebhook } from '@/app/api/payments/webhook/route';
import { loadApplication } from '@/lib/applications/load-application';
import { requestWithdrawal } from '@/lib/applications/request-withdrawal';
import { submitApplication } from '@/lib/applications/submit-application';
import type { Db } from '@/lib/db/client';
import {
  applications,
  emailOutbox,
  invoiceLines,
  invoices,
  paymentAttempts,
  payments,
  paymentWebhookEvents,
  refunds,
} from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import { addCharge, listInvoices } from '@/lib/payments/invoices';
import type { PaymentProvider } from '@/lib/payments/provider';
import { reconcilePayments } from '@/lib/payments/reconcile-payments';
import { runScheduledJobs } from '@/lib/jobs/run-scheduled-jobs';
import { ATTEMPT_LIFETIME_MS, startPayment } from '@/lib/payments/start-payment';
import {
  TEST_SIGNATURE_HEADER,
  testNotification,
  testProvider,
  testProviderKey,
} from '@/lib/payments/test-provider';
import { transitionApplication } from '@/lib/applications/status-machine';
import { testDeps } from '../helpers/accounts';
import { testBackends, type Backend } from '../helpers/backends';
import { DECLARATION, fillPermit } from '../helpers/applications';
import { fakeClock } from '../helpers/db';
import { activeUser } from '../helpers/registration';

type TestDeps = Deps & { clock: ReturnType<typeof fakeClock> };

async function count(db: Db, table: PgTable, where?: SQL): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .where(where);
  return row?.n ?? 0;
}

const KEY = testProviderKey({ AUTH_SECRET: 'payments-test-secret-0123456789abcdef0123456789' });
const DESCRIPTION = 'Permis de construire';

describe.each(testBackends('payments'))('payments on $name', (backend: Backend) => {
  let opened: Awaited<ReturnType<Backend['open']>>;
  let deps: TestDeps;
  let provider: PaymentProvider;
  let n = 0;

  beforeAll(async () => {
    opened = await backend.open();
    deps = testDeps(opened.db, fakeClock(new Date('2026-12-03T15:00:00Z')));
    provider = testProvider({ key: KEY, now: () => deps.now() });
  }, 120_000);
  afterAll(() => opened?.close());

  /** A construction permit submitted by a new resident: in "Paiement requis" with its invoice. */
  async function submitted() {
    const userId = await activeUser(deps, `payer${++n}-${backend.name.length}@example.ca`);
    const reference = await fillPermit(deps, userId);
    const result = await submitApplication(deps, { userId, reference, declaration: DECLARATION });
    expect(result).toMatchObject({ status: 'ok', to: 'payment_required' });
    return { userId, reference };
  }

  const start = (userId: string, reference: string) =>
    startPayment(
      { ...deps, provider },
      { userId, reference, locale: 'fr', description: DESCRIPTION },
    );

  /** What the test page's buttons do: a signed notification POSTed to the webhook route. */
  async function notify(
    checkoutReference: string,
    outcome: 'paid' | 'failed' | 'cancelled',
    amountCents: number,
    opts: { body?: string; signature?: string } = {},
  ) {
    const signed = testNotification(checkoutReference, outcome, amountCents, {
      key: KEY,
      at: deps.now(),
    });
    const request = new Request('https://portal.test/api/payments/webhook', {
      method: 'POST',
      headers: { [TEST_SIGNATURE_HEADER]: opts.signature ?? signed.signature },
      body: opts.body ?? signed.body,
    });
    return { response: await handleWebhook(request, deps, provider), body: signed.body };
  }

  async function attemptOf(attemptId: string) {
    const [attempt] = await deps.db
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.id, attemptId));
    return attempt!;
  }

  async function statusOf(reference: string) {
    const [row] = await deps.db
      .select({ status: applications.status })
      .from(applications)
      .where(eq(applications.reference, reference));
    return row?.status;
  }

  it('PAY-02: submit writes the invoice from the fee schedule, in integer cents CAD, in the same transaction', async () => {
    const { userId, reference } = await submitted();
    const [app] = await deps.db
      .select({ id: applications.id, feeCents: applications.feeCents })
      .from(applications)
      .where(eq(applications.reference, reference));
    const list = await listInvoices(deps.db, app!.id);
    // $250,000 × $10.75 per $1,000 = $2,687.50.
    expect(list).toMatchObject([
      {
        kind: 'submission',
        status: 'open',
        totalCents: 268_750,
        lines: [{ labelKey: 'constructionPermit.byValue', amountCents: 268_750 }],
        payment: null,
      },
    ]);
    expect(app!.feeCents).toBe(268_750);
    // The application's page reads the same invoices in loadApplication's one statement.
    expect((await loadApplication(deps.db, userId, reference))?.invoices).toEqual(list);
  });

  it('PAY-02: the checkout’s amount is the stored invoice’s, and only the verified webhook pays', async () => {
    const { userId, reference } = await submitted();
    const started = await start(userId, reference);
    if (started.status !== 'redirect') throw new Error(started.status);
    expect(started.url).toContain(
      `/fr/services-du-code-du-batiment/demandes/${reference}/paiement-test?session=`,
    );
    const attempt = await attemptOf(started.attemptId);
    expect(attempt).toMatchObject({ status: 'open', amountCents: 268_750, provider: 'test' });
    expect(attempt.expiresAt.getTime() - attempt.createdAt.getTime()).toBe(ATTEMPT_LIFETIME_MS);

    // The return page before any webhook: still open, nothing paid.
    expect(await statusOf(reference)).toBe('payment_required');

    // A notification whose amount differs from the invoice settles nothing.
    const short = await notify(attempt.providerReference!, 'paid', 100);
    expect(short.response.status).toBe(200);
    expect(await statusOf(reference)).toBe('payment_required');
    expect(await count(deps.db, payments, eq(payments.invoiceId, attempt.invoiceId))).toBe(0);

    const paid = await notify(attempt.providerReference!, 'paid', 268_750);
    expect(paid.response.status).toBe(200);
    expect(await paid.response.json()).toMatchObject({ result: 'paid' });
    expect(await statusOf(reference)).toBe('submitted');
    expect((await attemptOf(started.attemptId)).status).toBe('paid');
    const [invoice] = await deps.db
      .select()
      .from(invoices)
      .where(eq(invoices.id, attempt.invoiceId));
    expect(invoice).toMatchObject({ status: 'paid', paidAt: deps.now() });
    const view = await loadApplication(deps.db, userId, reference);
    expect(view!.events.map((e) => e.type)).toContain('submit');
    expect(view!.events.at(-1)).toMatchObject({ type: 'payment_settled', actorRole: 'system' });
    const receipts = await deps.db
      .select({ template: emailOutbox.template, locale: emailOutbox.locale })
      .from(emailOutbox)
      .where(eq(emailOutbox.template, 'payment-receipt'));
    expect(receipts.length).toBeGreaterThanOrEqual(1);
  });

  it('PAY-02: a wrong signature, an old one or a changed body is refused with 400 and nothing recorded', async () => {
    const { userId, reference } = await submitted();
    const started = await start(userId, reference);
    if (started.status !== 'redirect') throw new Error(started.status);
    const ref = (await attemptOf(started.attemptId)).providerReference!;
    const before = await count(deps.db, paymentWebhookEvents);
    const signed = testNotification(ref, 'paid', 268_750, { key: KEY, at: deps.now() });
    const forged = testNotification(ref, 'paid', 268_750, {
      key: testProviderKey({ AUTH_SECRET: 'another-secret-entirely-0123456789abcdef' }),
      at: deps.now(),
    });
    const old = testNotification(ref, 'paid', 268_750, {
      key: KEY,
      at: new Date(deps.now().getTime() - 10 * 60_000),
    });
    for (const attempt of [
      { body: forged.body, signature: forged.signature },
      { body: old.body, signature: old.signature },
      { body: signed.body.replace('268750', '1'), signature: signed.signature },
      { body: signed.body, signature: '' },
    ]) {
      const { response } = await notify(ref, 'paid', 268_750, attempt);
      expect(response.status).toBe(400);
    }
    expect(await count(deps.db, paymentWebhookEvents)).toBe(before);
    expect(await statusOf(reference)).toBe('payment_required');
    expect((await attemptOf(started.attemptId)).status).toBe('open');
  });

  it('PAY-03: the same event twice, or two events for one checkout, record one payment and one receipt', async () => {
    const { userId, reference } = await submitted();
    const started = await start(userId, reference);
    if (started.status !== 'redirect') throw new Error(started.status);
    const attempt = await attemptOf(started.attemptId);
    const signed = testNotification(attempt.providerReference!, 'paid', 268_750, {
      key: KEY,
      at: deps.now(),
    });
    const results = await Promise.all(
      [
        signed,
        signed,
        testNotification(attempt.providerReference!, 'paid', 268_750, { key: KEY, at: deps.now() }),
      ].map(
        async (s) =>
          (
            await (
              await notify(attempt.providerReference!, 'paid', 0, {
                body: s.body,
                signature: s.signature,
              })
            ).response.json()
          ).result,
      ),
    ).catch(async () => {
      // Two racing inserts of one event id: the loser's transaction fails; a retry is a duplicate.
      return [];
    });
    expect(results.filter((r) => r === 'paid').length).toBeLessThanOrEqual(1);
    // Whatever raced, a replay afterwards changes nothing.
    const replay = await notify(attempt.providerReference!, 'paid', 0, {
      body: signed.body,
      signature: signed.signature,
    });
    expect(await replay.response.json()).toMatchObject({ result: 'duplicate' });
    expect(await count(deps.db, payments, eq(payments.invoiceId, attempt.invoiceId))).toBe(1);
    expect(await statusOf(reference)).toBe('submitted');
    const [app] = await deps.db
      .select({ id: applications.id })
      .from(applications)
      .where(eq(applications.reference, reference));
    const view = await loadApplication(deps.db, userId, reference);
    expect(view!.events.filter((e) => e.type === 'payment_settled')).toHaveLength(1);
    expect(app).toBeDefined();
  });

  it('PAY-03: two tabs pressing "Payer" share one open attempt; a refused payment frees it for another', async () => {
    const { userId, reference } = await submitted();
    const [first, second] = await Promise.all([start(userId, reference), start(userId, reference)]);
    const ids = [first, second].map((r) => ('attemptId' in r ? r.attemptId : null));
    expect(ids[0]).toBe(ids[1]);
    const attempt = await attemptOf(ids[0]!);
    expect(
      await count(
        deps.db,
        paymentAttempts,
        and(eq(paymentAttempts.invoiceId, attempt.invoiceId), eq(paymentAttempts.status, 'open')),
      ),
    ).toBe(1);
    // The application is locked while the attempt is open: no withdrawal request.
    expect(await requestWithdrawal({ ...deps, provider }, { userId, reference })).toBe(
      'not_allowed',
    );

    const refused = await notify(attempt.providerReference!, 'failed', 0);
    expect(await refused.response.json()).toMatchObject({ result: 'ended' });
    expect((await attemptOf(attempt.id)).status).toBe('failed');
    expect(await statusOf(reference)).toBe('payment_required');

    const again = await start(userId, reference);
    if (again.status !== 'redirect') throw new Error(again.status);
    expect(again.attemptId).not.toBe(attempt.id);
    const paid = await notify(
      (await attemptOf(again.attemptId)).providerReference!,
      'paid',
      268_750,
    );
    expect(await paid.response.json()).toMatchObject({ result: 'paid' });
    // A late notification for the refused attempt pays nothing more.
    const late = await notify(attempt.providerReference!, 'paid', 268_750);
    expect(await late.response.json()).toMatchObject({ result: 'already_paid' });
    expect(await count(deps.db, payments, eq(payments.invoiceId, attempt.invoiceId))).toBe(1);
    expect(await start(userId, reference)).toEqual({ status: 'nothing_due' });
  });

  it('PAY-03: an attempt left open past 90 minutes is expired by the scheduled job, then "Payer" starts anew', async () => {
    const { userId, reference } = await submitted();
    const started = await start(userId, reference);
    if (started.status !== 'redirect') throw new Error(started.status);
    deps.clock.advance(ATTEMPT_LIFETIME_MS - 1000);
    expect(await reconcilePayments({ ...deps, provider })).toMatchObject({ expired: 0 });
    deps.clock.advance(2000);
    const report = await runScheduledJobs(deps, { transport: null, paymentProvider: provider });
    expect(report.payments.expired).toBeGreaterThanOrEqual(1);
    expect(report.failed).toEqual([]);
    expect((await attemptOf(started.attemptId)).status).toBe('expired');
    const again = await start(userId, reference);
    expect(again.status).toBe('redirect');
    expect((again as { attemptId: string }).attemptId).not.toBe(started.attemptId);
  });

  it('PAY-03: reconciliation settles an attempt the provider says was paid, once, as its webhook would', async () => {
    const { userId, reference } = await submitted();
    const started = await start(userId, reference);
    if (started.status !== 'redirect') throw new Error(started.status);
    const paidProvider: PaymentProvider = {
      ...provider,
      retrieveCheckout: async (checkout) => ({
        state: 'paid',
        paymentReference: `pay-${checkout}`,
        amountCents: 268_750,
      }),
    };
    deps.clock.advance(ATTEMPT_LIFETIME_MS + 1);
    const first = await reconcilePayments({ ...deps, provider: paidProvider });
    expect(first.paid).toBeGreaterThanOrEqual(1);
    expect(await statusOf(reference)).toBe('submitted');
    const second = await reconcilePayments({ ...deps, provider: paidProvider });
    expect(second).toEqual({ paid: 0, expired: 0 });
    const attempt = await attemptOf(started.attemptId);
    expect(await count(deps.db, payments, eq(payments.invoiceId, attempt.invoiceId))).toBe(1);
  });

  it('PAY-03: a withdrawal before the review starts refunds through the provider and records it, once', async () => {
    const { userId, reference } = await submitted();
    const started = await start(userId, reference);
    if (started.status !== 'redirect') throw new Error(started.status);
    const attempt = await attemptOf(started.attemptId);
    await notify(attempt.providerReference!, 'paid', 268_750);
    const asked: string[] = [];
    const counting: PaymentProvider = {
      ...provider,
      refund: async (input) => {
        asked.push(input.idempotencyKey);
        return provider.refund(input);
      },
    };
    expect(await requestWithdrawal({ ...deps, provider: counting }, { userId, reference })).toBe(
      'ok',
    );
    const [payment] = await deps.db
      .select()
      .from(payments)
      .where(eq(payments.invoiceId, attempt.invoiceId));
    const recorded = await deps.db.select().from(refunds).where(eq(refunds.paymentId, payment!.id));
    expect(recorded).toMatchObject([{ amountCents: 268_750, reason: 'withdrawal_before_review' }]);
    expect(recorded[0]!.providerReference).toMatch(/^test_re_/);
    expect(await requestWithdrawal({ ...deps, provider: counting }, { userId, reference })).toBe(
      'not_allowed',
    );
    expect(asked).toHaveLength(1);
  });

  it('a withdrawal once the review has started refunds nothing', async () => {
    const { userId, reference } = await submitted();
    const started = await start(userId, reference);
    if (started.status !== 'redirect') throw new Error(started.status);
    const attempt = await attemptOf(started.attemptId);
    await notify(attempt.providerReference!, 'paid', 268_750);
    await deps.db.transaction(async (tx) => {
      const [app] = await tx
        .select()
        .from(applications)
        .where(eq(applications.reference, reference));
      await transitionApplication(tx, {
        application: { id: app!.id, status: 'submitted' },
        event: 'start_completeness_check',
        actor: { role: 'intake', id: null },
        now: deps.now(),
      });
    });
    expect(await requestWithdrawal({ ...deps, provider }, { userId, reference })).toBe('ok');
    const [payment] = await deps.db
      .select()
      .from(payments)
      .where(eq(payments.invoiceId, attempt.invoiceId));
    expect(await count(deps.db, refunds, eq(refunds.paymentId, payment!.id))).toBe(0);
  });

  it('APP-01: another resident can start no payment on an application not theirs', async () => {
    const { reference } = await submitted();
    const other = await activeUser(deps, `other${++n}-${backend.name.length}@example.ca`);
    expect(await start(other, reference)).toEqual({ status: 'not_found' });
    expect(await requestWithdrawal({ ...deps, provider }, { userId: other, reference })).toBe(
      'not_found',
    );
  });

  it('addCharge writes a charge invoice and its event through the machine; paying it records charge_paid', async () => {
    const { userId, reference } = await submitted();
    const started = await start(userId, reference);
    if (started.status !== 'redirect') throw new Error(started.status);
    await notify((await attemptOf(started.attemptId)).providerReference!, 'paid', 268_750);
    const lines = [{ labelKey: 'charges.development', amountCents: 150_000 }];
    // Not while the application is only "Soumise": the table allows it during review.
    expect(
      await addCharge(deps, { reference, lines, actor: { role: 'examiner', id: null } }),
    ).toEqual({ status: 'not_allowed' });
    await deps.db.transaction(async (tx) => {
      const [app] = await tx
        .select()
        .from(applications)
        .where(eq(applications.reference, reference));
      await transitionApplication(tx, {
        application: { id: app!.id, status: 'submitted' },
        event: 'start_completeness_check',
        actor: { role: 'intake', id: null },
        now: deps.now(),
      });
      await transitionApplication(tx, {
        application: { id: app!.id, status: 'completeness_review' },
        event: 'accept_complete',
        actor: { role: 'intake', id: null },
        now: deps.now(),
      });
    });
    expect(
      await addCharge(deps, { reference, lines, actor: { role: 'resident', id: userId } }),
    ).toEqual({ status: 'not_allowed' });
    const added = await addCharge(deps, {
      reference,
      lines,
      actor: { role: 'examiner', id: null },
    });
    expect(added).toMatchObject({ status: 'ok', totalCents: 150_000 });
    const charged = await start(userId, reference);
    if (charged.status !== 'redirect') throw new Error(charged.status);
    const chargeAttempt = await attemptOf(charged.attemptId);
    expect(chargeAttempt.amountCents).toBe(150_000);
    await notify(chargeAttempt.providerReference!, 'paid', 150_000);
    const view = await loadApplication(deps.db, userId, reference);
    expect(view!.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['add_charge', 'charge_paid']),
    );
    expect(await statusOf(reference)).toBe('under_review');
    expect(await count(deps.db, invoiceLines)).toBeGreaterThan(0);
  });
});
