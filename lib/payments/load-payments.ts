import { and, eq } from 'drizzle-orm';
import { applications, invoices, paymentAttempts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { ApplicationStatus } from '@/lib/applications/status-machine';
import { INVOICES_JSON, invoicesFromJson, type InvoiceView } from './invoices';

export interface PaymentsView {
  applicationId: string;
  status: ApplicationStatus;
  invoices: InvoiceView[];
  /** The invoice to pay now: the oldest open one, if any. */
  due: InvoiceView | null;
  /** An attempt still open (the application is locked until it ends). */
  openAttempt: { id: string; expiresAt: Date } | null;
}

/** What an application's invoices mean for its owner at `now`: what is due, what is locked. */
export function paymentsView(
  application: { id: string; status: ApplicationStatus; invoices: InvoiceView[] },
  now: Date,
): PaymentsView {
  const due = [...application.invoices].reverse().find((i) => i.status === 'open') ?? null;
  const open = due?.openAttempt ?? null;
  return {
    applicationId: application.id,
    status: application.status,
    invoices: application.invoices,
    due,
    openAttempt: open && open.expiresAt > now ? open : null,
  };
}

/**
 * An application's invoices and payment state, for its owner only (null for anyone else), in one
 * statement. The application's own page has them from loadApplication.
 */
export async function loadPayments(
  db: Db,
  userId: string,
  reference: string,
  now: Date,
): Promise<PaymentsView | null> {
  const [row] = await db
    .select({ id: applications.id, status: applications.status, invoices: INVOICES_JSON })
    .from(applications)
    .where(and(eq(applications.reference, reference), eq(applications.userId, userId)));
  if (!row) return null;
  return paymentsView(
    {
      id: row.id,
      status: row.status as ApplicationStatus,
      invoices: invoicesFromJson(row.invoices),
    },
    now,
  );
}

/** One attempt of one owner's application, by its id or by its provider reference; else null. */
export async function loadAttempt(
  db: Db,
  userId: string,
  reference: string,
  by: { id: string } | { checkoutReference: string; provider: 'test' | 'stripe' },
) {
  if ('id' in by && !/^[0-9a-f-]{36}$/i.test(by.id)) return null;
  const [row] = await db
    .select({
      id: paymentAttempts.id,
      status: paymentAttempts.status,
      provider: paymentAttempts.provider,
      providerReference: paymentAttempts.providerReference,
      amountCents: paymentAttempts.amountCents,
      expiresAt: paymentAttempts.expiresAt,
      invoiceId: paymentAttempts.invoiceId,
      invoiceStatus: invoices.status,
    })
    .from(paymentAttempts)
    .innerJoin(invoices, eq(invoices.id, paymentAttempts.invoiceId))
    .innerJoin(applications, eq(applications.id, invoices.applicationId))
    .where(
      and(
        eq(applications.reference, reference),
        eq(applications.userId, userId),
        'id' in by
          ? eq(paymentAttempts.id, by.id)
          : and(
              eq(paymentAttempts.provider, by.provider),
              eq(paymentAttempts.providerReference, by.checkoutReference),
            ),
      ),
    );
  return row ?? null;
}
