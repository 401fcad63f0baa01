import { runtimeDeps } from '@/lib/deps';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { receivePaymentEvent } from '@/lib/payments/receive-payment-event';
import { paymentProvider } from '@/lib/payments/runtime';
import type { PaymentProvider } from '@/lib/payments/provider';
import type { Deps } from '@/lib/deps';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const noStore = { 'Cache-Control': 'no-store' };
/** A provider's notification is small; anything bigger is not one. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * The payment webhook (PAY-02), for every provider: the configured one verifies the signature on
 * the raw body; a bad one is 400 and nothing is recorded. A verified event is handled once
 * (deduplicated by its id); the answer is 200 for every verified event, known or not, so the
 * provider stops retrying. Exported for the tests, which give their own provider and database.
 */
export async function handleWebhook(
  request: Request,
  deps: Pick<Deps, 'db' | 'now' | 'appUrl'>,
  provider: PaymentProvider,
): Promise<Response> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) return new Response(null, { status: 413, headers: noStore });
  const raw = await request.text();
  if (raw.length > MAX_BODY_BYTES) return new Response(null, { status: 413, headers: noStore });
  const event = await provider.verifyWebhook(raw, request.headers);
  if (!event) {
    return Response.json({ error: 'invalid_signature' }, { status: 400, headers: noStore });
  }
  const result = await receivePaymentEvent(deps, provider.name, event);
  return Response.json({ received: true, result }, { status: 200, headers: noStore });
}

export async function POST(request: Request): Promise<Response> {
  try {
    const response = await handleWebhook(request, await runtimeDeps(), paymentProvider());
    // A payment queued its receipt: send it now, not at the next cron.
    if (response.ok) deliverOutboxSoon();
    return response;
  } catch (error) {
    // The provider retries a 500: nothing was committed.
    console.error(
      '[payments] webhook failed:',
      error instanceof Error ? error.message : String(error),
    );
    return Response.json({ error: 'failed' }, { status: 500, headers: noStore });
  }
}
