import { createHash, createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto';
import { localizedDynamicPath } from '@/lib/i18n/navigation';
import { authSecrets } from '@/lib/security/secrets';
import type { CheckoutState, PaymentEvent, PaymentProvider } from './provider';

/** The header carrying the test provider's signature: `t=<unix seconds>,v1=<hex HMAC>`. */
export const TEST_SIGNATURE_HEADER = 'x-test-payment-signature';
/** How old a signed notification may be (as Stripe's default tolerance). */
const TOLERANCE_SECONDS = 300;

/**
 * The key the test provider signs its notifications with: derived from AUTH_SECRET (HKDF, its own
 * label), so it needs no setting of its own and differs from every other key.
 */
export function testProviderKey(env: Readonly<Record<string, string | undefined>> = process.env) {
  const secret = authSecrets(env)[0] ?? 'dev-only-test-payment-key';
  return Buffer.from(hkdfSync('sha256', secret, '', 'monso test payment provider', 32));
}

/** What the test page sends: the same facts a real provider's event carries. */
export interface TestNotification {
  id: string;
  checkoutReference: string;
  outcome: 'paid' | 'failed' | 'cancelled';
  paymentReference?: string;
  amountCents?: number;
  currency?: string;
}

export function signTestNotification(body: string, key: Buffer, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', key).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/** The signed notification for a button of the test page, ready to POST to the webhook route. */
export function testNotification(
  checkoutReference: string,
  outcome: TestNotification['outcome'],
  amountCents: number,
  opts: { key?: Buffer; at?: Date } = {},
) {
  const notification: TestNotification = {
    id: `test_evt_${randomUUID()}`,
    checkoutReference,
    outcome,
    ...(outcome === 'paid'
      ? { paymentReference: `test_pay_${randomUUID()}`, amountCents, currency: 'CAD' }
      : {}),
  };
  const body = JSON.stringify(notification);
  return {
    body,
    signature: signTestNotification(body, opts.key ?? testProviderKey(), opts.at ?? new Date()),
  };
}

/**
 * The provider built into the portal (the default outside production): its "hosted page" is a
 * page of the app that says plainly it is a test (…/paiement-test), whose buttons send a signed
 * notification to the webhook route as a real provider does. It holds no state of its own: a
 * checkout nobody finished stays open until it expires.
 */
export function testProvider(opts: { key?: Buffer; now?: () => Date } = {}): PaymentProvider {
  const key = opts.key ?? testProviderKey();
  const now = opts.now ?? (() => new Date());
  return {
    name: 'test',
    async createCheckout(request) {
      const checkoutReference = `test_cs_${randomUUID()}`;
      const url = `${localizedDynamicPath(
        '/building-code-services/applications/[reference]/test-payment',
        request.locale,
        { reference: request.reference },
      )}?session=${checkoutReference}`;
      return { checkoutReference, url };
    },
    async retrieveCheckout(): Promise<CheckoutState> {
      return { state: 'open' };
    },
    async verifyWebhook(rawBody, headers): Promise<PaymentEvent | null> {
      const header = headers.get(TEST_SIGNATURE_HEADER) ?? '';
      const parts = Object.fromEntries(
        header.split(',').map((p) => p.split('=', 2) as [string, string]),
      );
      const t = Number(parts.t);
      if (!Number.isInteger(t) || !parts.v1) return null;
      if (Math.abs(now().getTime() / 1000 - t) > TOLERANCE_SECONDS) return null;
      const expected = createHmac('sha256', key).update(`${t}.${rawBody}`).digest();
      const given = Buffer.from(parts.v1, 'hex');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      let n: TestNotification;
      try {
        n = JSON.parse(rawBody) as TestNotification;
      } catch {
        return null;
      }
      if (typeof n.id !== 'string' || typeof n.checkoutReference !== 'string') return null;
      if (n.outcome === 'paid') {
        if (typeof n.paymentReference !== 'string' || !Number.isInteger(n.amountCents)) {
          return null;
        }
        return {
          eventId: n.id,
          checkoutReference: n.checkoutReference,
          outcome: 'paid',
          paymentReference: n.paymentReference,
          amountCents: n.amountCents!,
          currency: n.currency ?? 'CAD',
        };
      }
      if (n.outcome === 'failed' || n.outcome === 'cancelled') {
        return { eventId: n.id, checkoutReference: n.checkoutReference, outcome: n.outcome };
      }
      return null;
    },
    async refund({ idempotencyKey }) {
      const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24);
      return { refundReference: `test_re_${digest}` };
    },
  };
}
