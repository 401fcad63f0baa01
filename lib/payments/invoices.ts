import { and, eq, sql } from 'drizzle-orm';
import { applications, invoiceLines, invoices } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { Deps } from '@/lib/deps';
import type { Fee } from '@/lib/applications/fees';
import {
  type Actor,
  type ApplicationStatus,
  transitionApplication,
} from '@/lib/applications/status-machine';

/** One line of an invoice: its label's key (`Applications.feeLines.<key>`) and amount. */
export interface InvoiceLineInput {
  labelKey: string;
  labelParams?: Record<string, string | number>;
  amountCents: number;
}

async function writeInvoice(
  tx: Db,
  input: {
    applicationId: string;
    kind: 'submission' | 'charge';
    lines: InvoiceLineInput[];
    now: Date;
  },
) {
  if (input.lines.length === 0) throw new Error('An invoice needs at least one line');
  for (const line of input.lines) {
    if (!Number.isSafeInteger(line.amountCents) || line.amountCents <= 0) {
      throw new Error('Invoice amounts are positive integer cents');
    }
  }
  const totalCents = input.lines.reduce((sum, l) => sum + l.amountCents, 0);
  const [invoice] = await tx
    .insert(invoices)
    .values({
      applicationId: input.applicationId,
      kind: input.kind,
      totalCents,
      currency: 'CAD',
      createdAt: input.now,
    })
    .returning();
  await tx.insert(invoiceLines).values(
    input.lines.map((l, position) => ({
      invoiceId: invoice!.id,
      position,
      labelKey: l.labelKey,
      labelParams: l.labelParams ?? null,
      amountCents: l.amountCents,
    })),
  );
  return invoice!;
}

/**
 * The invoice of the fee at submission, from the fee schedule's lines: called by submit, in its
 * transaction, so an application in "Paiement requis" always has the invoice it is waiting for.
 */
export function createSubmissionInvoice(
  tx: Db,
  input: { applicationId: string; fee: Fee; now: Date },
) {
  return writeInvoice(tx, {
    applicationId: input.applicationId,
    kind: 'submission',
    lines: input.fee.lines.map((l) => ({ labelKey: l.key, amountCents: l.amountCents })),
    now: input.now,
  });
}

export type AddChargeResult =
  | { status: 'ok'; invoiceId: string; totalCents: number }
  | { status: 'not_found' }
  | { status: 'not_allowed' };

/**
 * A charge staff add before issuance (development charges and the like): an invoice of kind
 * 'charge' and the `add_charge` event, through the status machine, in one transaction. The
 * resident then sees "Paiement requis" for it and pays it as the submission fee. Issue 19's
 * staff action calls this; the actor is checked against the machine's table.
 */
export async function addCharge(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { reference: string; lines: InvoiceLineInput[]; actor: Actor },
): Promise<AddChargeResult> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [application] = await tx
      .select({ id: applications.id, status: applications.status })
      .from(applications)
      .where(eq(applications.reference, input.reference))
      .for('update');
    if (!application) return { status: 'not_found' as const };
    const totalCents = input.lines.reduce((sum, l) => sum + l.amountCents, 0);
    const moved = await transitionApplication(tx, {
      application: { id: application.id, status: application.status as ApplicationStatus },
      event: 'add_charge',
      actor: input.actor,
      now,
      detail: { amountCents: totalCents },
    });
    if (moved.status !== 'ok') return { status: 'not_allowed' as const };
    const invoice = await writeInvoice(tx, {
      applicationId: application.id,
      kind: 'charge',
      lines: input.lines,
      now,
    });
    return { status: 'ok' as const, invoiceId: invoice.id, totalCents: invoice.totalCents };
  });
}

/** Charges not paid yet, in cents: the `outstandingCents` fact of the machine's guards. */
export async function outstandingChargesCents(tx: Db, applicationId: string): Promise<number> {
  const rows = await tx
    .select({ total: invoices.totalCents })
    .from(invoices)
    .where(
      and(
        eq(invoices.applicationId, applicationId),
        eq(invoices.kind, 'charge'),
        eq(invoices.status, 'open'),
      ),
    );
  return rows.reduce((sum, r) => sum + r.total, 0);
}

export interface InvoiceView {
  id: string;
  kind: 'submission' | 'charge';
  status: 'open' | 'paid' | 'void';
  totalCents: number;
  createdAt: Date;
  paidAt: Date | null;
  lines: {
    labelKey: string;
    labelParams: Record<string, string | number> | null;
    amountCents: number;
  }[];
  payment: { providerReference: string; paidAt: Date } | null;
  /** Its attempt still marked open, if any (it may have passed its expiry: see paymentsView). */
  openAttempt: { id: string; expiresAt: Date } | null;
}

type Stored<T> = {
  [K in keyof T]: T[K] extends Date
    ? string
    : T[K] extends Date | null
      ? string | null
      : T[K] extends { paidAt: Date } | null
        ? { providerReference: string; paidAt: string } | null
        : T[K] extends { id: string; expiresAt: Date } | null
          ? { id: string; expiresAt: string } | null
          : T[K];
};

/**
 * The invoices of the application row named `"applications"."id"` in the enclosing statement,
 * newest first, each with its lines, its payment and its open attempt, as one jsonb value: the
 * pages read an application and its money in one statement (issue 16: "at most 2").
 */
export const INVOICES_JSON = sql<
  Stored<InvoiceView>[]
>`(select coalesce(jsonb_agg(jsonb_build_object(
  'id', i.id, 'kind', i.kind, 'status', i.status, 'totalCents', i.total_cents,
  'createdAt', i.created_at, 'paidAt', i.paid_at,
  'lines', (select coalesce(jsonb_agg(jsonb_build_object('labelKey', l.label_key, 'labelParams', l.label_params, 'amountCents', l.amount_cents) order by l.position), '[]'::jsonb) from invoice_lines l where l.invoice_id = i.id),
  'payment', (select jsonb_build_object('providerReference', p.provider_reference, 'paidAt', p.paid_at) from payments p where p.invoice_id = i.id limit 1),
  'openAttempt', (select jsonb_build_object('id', pa.id, 'expiresAt', pa.expires_at) from payment_attempts pa where pa.invoice_id = i.id and pa.status = 'open' limit 1)
) order by i.created_at desc, i.id), '[]'::jsonb) from invoices i where i.application_id = "applications"."id")`;

/** INVOICES_JSON's value with its times as Dates. */
export function invoicesFromJson(rows: Stored<InvoiceView>[]): InvoiceView[] {
  return rows.map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt),
    paidAt: r.paidAt ? new Date(r.paidAt) : null,
    payment: r.payment ? { ...r.payment, paidAt: new Date(r.payment.paidAt) } : null,
    openAttempt: r.openAttempt
      ? { ...r.openAttempt, expiresAt: new Date(r.openAttempt.expiresAt) }
      : null,
  }));
}

/** An application's invoices, newest first, with their lines and payment, in one statement. */
export async function listInvoices(db: Db, applicationId: string): Promise<InvoiceView[]> {
  const [row] = await db
    .select({ invoices: INVOICES_JSON })
    .from(applications)
    .where(eq(applications.id, applicationId));
  return row ? invoicesFromJson(row.invoices) : [];
}
