import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleWebhook } from '@/app/api/payments/webhook/route';
import { requestWithdrawal } from '@/lib/applications/request-withdrawal';
import { submitApplication } from '@/lib/applications/submit-application';
import {
  applications,
  paymentAttempts,
  payments,
  paymentWebhookEvents,
  refunds,
} from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import type { PaymentProvider } from '@/lib/payments/provider';
import { reconcilePayments } from '@/lib/payments/reconcile-payments';
import { ATTEMPT_LIFETIME_MS, startPayment } from '@/lib/payments/start-payment';
import { stripeProvider } from '@/lib/payments/stripe-provider';
import { testDeps } from '../helpers/accounts';
import { DECLARATION, fillPermit } from '../helpers/applications';
import { testBackends, type Backend } from '../helpers/backends';
import { fakeClock } from '../helpers/db';
import { activeUser } from '../helpers/registration';

const WEBHOOK_SECRET = 'whsec_test_standin_0123456789';

/**
 * A local stand-in for the part of Stripe's API the adapter calls: it records each request (its
 * form-encoded parameters) and answers as Stripe does. No network: the SDK is pointed here with
 * its own host/port/protocol options.
 */
function stripeStandIn() {
  const requests: {
    method: string;
    path: string;
    params: URLSearchParams;
    idempotencyKey?: string;
  }[] = [];
  const sessions = new Map<string, Record<string, unknown>>();
  let n = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const params = new URLSearchParams(body);
      const path = (req.url ?? '').split('?')[0]!;
      requests.push({
        method: req.method ?? '',
        path,
        params,
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      });
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': `req_${++n}` });
        res.end(JSON.stringify(value));
      };
      if (req.method === 'POST' && path === '/v1/checkout/sessions') {
        const id = `cs_test_${++n}`;
        const session = {
          id,
          object: 'checkout.session',
          url: `https://checkout.stripe.com/c/pay/${id}`,
          status: 'open',
          payment_status: 'unpaid',
          amount_total: Number(params.get('line_items[0][price_data][unit_amount]')),
          currency: params.get('currency'),
          payment_intent: null,
          metadata: {},
        };
        sessions.set(id, session);
        return json(200, session);
      }
      const retrieve = /^\/v1\/checkout\/sessions\/([\w-]+)$/.exec(path);
      if (req.method === 'GET' && retrieve) {
        const session = sessions.get(retrieve[1]!);
        return session
          ? json(200, session)
          : json(404, { error: { type: 'invalid_request_error' } });
      }
      if (req.method === 'POST' && path === '/v1/refunds') {
        return json(200, {
          id: `re_${params.get('payment_intent')}`,
          object: 'refund',
          amount: Number(params.get('amount')),
          status: 'succeeded',
        });
      }
      json(404, { error: { type: 'invalid_request_error', message: `no ${path}` } });
    });
  });
  return { server, requests, sessions };
}

describe.each(testBackends('stripe'))('the Stripe adapter on $name', (backend: Backend) => {
  let opened: Awaited<ReturnType<Backend['open']>>;
  let deps: Deps & { clock: ReturnType<typeof fakeClock> };
  let provider: PaymentProvider;
  let stripe: Stripe;
  const standIn = stripeStandIn();
  let n = 0;

  beforeAll(async () => {
    opened = await backend.open();
    deps = testDeps(opened.db, fakeClock(new Date('2026-12-03T15:00:00Z')));
    await new Promise<void>((resolve) => standIn.server.listen(0, '127.0.0.1', resolve));
    const { port } = standIn.server.address() as AddressInfo;
    stripe = new Stripe('sk_test_standin', {
      host: '127.0.0.1',
      port,
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    provider = stripeProvider({
      secretKey: 'sk_test_standin',
      webhookSecret: WEBHOOK_SECRET,
      client: stripe,
    });
  }, 120_000);
  afterAll(async () => {
    standIn.server.close();
    await opened?.close();
  });

  async function paymentRequired(locale: 'fr' | 'en' = 'fr') {
    const userId = await activeUser(deps, `stripe${++n}-${backend.name.length}@example.ca`);
    const reference = await fillPermit(deps, userId);
    await submitApplication(deps, { userId, reference, declaration: DECLARATION });
    const started = await startPayment(
      { ...deps, provider },
      { userId, reference, locale, description: `Permis ${reference}` },
    );
    if (started.status !== 'redirect') throw new Error(started.status);
    const [attempt] = await deps.db
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.id, started.attemptId));
    return { userId, reference, started, attempt: attempt! };
  }

  /** A webhook as Stripe sends it, signed with the SDK's own test-header helper. */
  async function deliver(event: Record<string, unknown>, secret = WEBHOOK_SECRET) {
    const payload = JSON.stringify(event);
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
    const request = new Request('https://portal.test/api/payments/webhook', {
      method: 'POST',
      headers: { 'stripe-signature': header, 'content-type': 'application/json' },
      body: payload,
    });
    return handleWebhook(request, deps, provider);
  }

  const completed = (id: string, session: string, amount: number, pi = `pi_${session}`) => ({
    id,
    object: 'event',
    type: 'checkout.session.completed',
    data: {
      object: {
        id: session,
        object: 'checkout.session',
        status: 'complete',
        payment_status: 'paid',
        amount_total: amount,
        currency: 'cad',
        payment_intent: pi,
      },
    },
  });

  async function statusOf(reference: string) {
    const [row] = await deps.db
      .select({ status: applications.status })
      .from(applications)
      .where(eq(applications.reference, reference));
    return row?.status;
  }

  it('PAY-02: creates a Checkout Session in CAD, in the resident’s language, for the stored invoice’s amount, with its metadata', async () => {
    const { reference, started, attempt } = await paymentRequired('en');
    const created = standIn.requests.filter((r) => r.path === '/v1/checkout/sessions').at(-1)!;
    const p = created.params;
    expect(p.get('mode')).toBe('payment');
    expect(p.get('currency')).toBe('cad');
    expect(p.get('locale')).toBe('en');
    expect(p.get('line_items[0][price_data][currency]')).toBe('cad');
    expect(p.get('line_items[0][price_data][unit_amount]')).toBe('268750');
    expect(p.get('line_items[0][quantity]')).toBe('1');
    expect(p.get('metadata[reference]')).toBe(reference);
    expect(p.get('metadata[invoiceId]')).toBe(attempt.invoiceId);
    expect(p.get('metadata[attemptId]')).toBe(attempt.id);
    expect(p.get('client_reference_id')).toBe(attempt.id);
    expect(Number(p.get('expires_at'))).toBe(Math.floor(attempt.expiresAt.getTime() / 1000));
    expect(p.get('success_url')).toBe(
      `https://portal.test/en/building-code-services/applications/${reference}/payment?attempt=${attempt.id}`,
    );
    expect(created.idempotencyKey).toBe(`checkout-${attempt.id}`);
    expect(started.url).toBe(`https://checkout.stripe.com/c/pay/${attempt.providerReference}`);
    // Nothing about a card is ever sent or stored (PAY-01): only amounts and our own ids.
    expect([...p.keys()].some((k) => /card|cvc|number/i.test(k))).toBe(false);
  });

  it('PAY-02: a verified checkout.session.completed pays; a wrong signature is 400 and records nothing', async () => {
    const { reference, attempt } = await paymentRequired();
    const before = await deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(paymentWebhookEvents);
    const forged = await deliver(
      completed(`evt_forged_${n}`, attempt.providerReference!, 268_750),
      'whsec_not_the_secret',
    );
    expect(forged.status).toBe(400);
    const after = await deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(paymentWebhookEvents);
    expect(after).toEqual(before);
    expect(await statusOf(reference)).toBe('payment_required');

    const ok = await deliver(completed(`evt_ok_${n}`, attempt.providerReference!, 268_750));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ result: 'paid' });
    expect(await statusOf(reference)).toBe('submitted');
    const [payment] = await deps.db
      .select()
      .from(payments)
      .where(eq(payments.invoiceId, attempt.invoiceId));
    expect(payment).toMatchObject({
      provider: 'stripe',
      providerReference: `pi_${attempt.providerReference}`,
      amountCents: 268_750,
      currency: 'CAD',
    });
  });

  it('PAY-03: the same Stripe event delivered twice records one payment', async () => {
    const { attempt } = await paymentRequired();
    const event = completed(`evt_dup_${n}`, attempt.providerReference!, 268_750);
    expect(await (await deliver(event)).json()).toMatchObject({ result: 'paid' });
    expect(await (await deliver(event)).json()).toMatchObject({ result: 'duplicate' });
    const rows = await deps.db
      .select()
      .from(payments)
      .where(eq(payments.invoiceId, attempt.invoiceId));
    expect(rows).toHaveLength(1);
  });

  it('PAY-03: async_payment_failed and expired end the attempt and leave "Paiement requis"; other events are acknowledged', async () => {
    const first = await paymentRequired();
    const failed = await deliver({
      id: `evt_failed_${n}`,
      object: 'event',
      type: 'checkout.session.async_payment_failed',
      data: { object: { id: first.attempt.providerReference, object: 'checkout.session' } },
    });
    expect(await failed.json()).toMatchObject({ result: 'ended' });
    const second = await paymentRequired();
    const expired = await deliver({
      id: `evt_expired_${n}`,
      object: 'event',
      type: 'checkout.session.expired',
      data: { object: { id: second.attempt.providerReference, object: 'checkout.session' } },
    });
    expect(await expired.json()).toMatchObject({ result: 'ended' });
    const rows = await deps.db
      .select({ status: paymentAttempts.status })
      .from(paymentAttempts)
      .where(eq(paymentAttempts.id, second.attempt.id));
    expect(rows).toEqual([{ status: 'expired' }]);
    expect(await statusOf(first.reference)).toBe('payment_required');
    const other = await deliver({
      id: `evt_other_${n}`,
      object: 'event',
      type: 'customer.created',
      data: { object: {} },
    });
    expect(other.status).toBe(200);
  });

  it('PAY-03: reconciliation asks Stripe about an attempt left open and settles it once', async () => {
    const { reference, attempt } = await paymentRequired();
    const session = standIn.sessions.get(attempt.providerReference!)!;
    Object.assign(session, {
      status: 'complete',
      payment_status: 'paid',
      payment_intent: 'pi_reconciled',
    });
    deps.clock.advance(ATTEMPT_LIFETIME_MS + 1);
    const report = await reconcilePayments({ ...deps, provider });
    expect(report.paid).toBeGreaterThanOrEqual(1);
    expect(await statusOf(reference)).toBe('submitted');
    // The webhook that arrives late changes nothing more.
    const late = await deliver(
      completed(`evt_late_${n}`, attempt.providerReference!, 268_750, 'pi_reconciled'),
    );
    expect(await late.json()).toMatchObject({ result: 'already_paid' });
  });

  it('PAY-03: a withdrawal before review refunds through refunds.create, once, and records it', async () => {
    const { userId, reference, attempt } = await paymentRequired();
    await deliver(completed(`evt_refund_${n}`, attempt.providerReference!, 268_750));
    expect(await requestWithdrawal({ ...deps, provider }, { userId, reference })).toBe('ok');
    const call = standIn.requests.filter((r) => r.path === '/v1/refunds').at(-1)!;
    expect(call.params.get('payment_intent')).toBe(`pi_${attempt.providerReference}`);
    expect(call.params.get('amount')).toBe('268750');
    expect(call.idempotencyKey).toMatch(/^refund-/);
    const [payment] = await deps.db
      .select()
      .from(payments)
      .where(eq(payments.invoiceId, attempt.invoiceId));
    const recorded = await deps.db.select().from(refunds).where(eq(refunds.paymentId, payment!.id));
    expect(recorded).toMatchObject([
      { providerReference: `re_pi_${attempt.providerReference}`, amountCents: 268_750 },
    ]);
  });

  it('PAY-01: no card data in the database or the logs, whatever the provider’s event carries', async () => {
    const { attempt } = await paymentRequired();
    const event = completed(`evt_card_${n}`, attempt.providerReference!, 268_750);
    Object.assign(event.data.object, {
      customer_details: { email: 'payer@example.ca', name: 'Card Holder' },
      payment_method_details: {
        card: { number: '4242424242424242', cvc: '123', last4: '4242', exp_month: 12 },
      },
    });
    const logged: string[] = [];
    const spies = (['log', 'info', 'warn', 'error'] as const).map((level) => {
      const original = console[level];
      console[level] = (...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      };
      return () => (console[level] = original);
    });
    try {
      expect(await (await deliver(event)).json()).toMatchObject({ result: 'paid' });
    } finally {
      spies.forEach((restore) => restore());
    }
    const dump = JSON.stringify(
      await Promise.all(
        [
          'payments',
          'payment_attempts',
          'payment_webhook_events',
          'invoices',
          'invoice_lines',
          'application_events',
        ].map((table) => deps.db.execute(sql.raw(`select * from ${table}`))),
      ),
    );
    for (const secret of [
      '4242424242424242',
      '"123"',
      'last4',
      'Card Holder',
      'payment_method_details',
    ]) {
      expect(dump).not.toContain(secret);
      expect(logged.join('\n')).not.toContain(secret);
    }
  });
});
