import { eq } from 'drizzle-orm';
import { absoluteUrlOf } from '@/lib/applications/urls';
import { applications, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { Deps } from '@/lib/deps';
import { enqueueEmail } from '@/lib/email/outbox';
import { addCharge } from '@/lib/payments/invoices';
import { recordStaffAudit } from './audit';
import type { StaffActor } from './issue-permit';

/** The fee line of a charge staff add: `Applications.feeLines.charges.staff` with its words. */
export const STAFF_CHARGE_LABEL = 'charges.staff';
/** The most a single charge may be, in cents: a typing slip of a few zeros is refused. */
export const MAX_CHARGE_CENTS = 100_000_000;
export const CHARGE_DESCRIPTION_MAX = 200;
export const CHARGE_REASON_MAX = 2000;

export interface StaffChargeLine {
  /** What the charge is for, as staff wrote it ("Redevances d’aménagement"). */
  description: string;
  amountCents: number;
}

export type AddStaffChargeResult =
  | { status: 'ok'; invoiceId: string; totalCents: number }
  | { status: 'not_found' }
  /** A status or a role the table does not allow for 'add_charge' (STF-02). */
  | { status: 'not_allowed' }
  | { status: 'invalid' };

/**
 * "Ajouter des frais" / "Add a charge": an invoice of kind 'charge' through the invoices module
 * (its `addCharge`: the invoice and the 'add_charge' event through the status machine), the
 * staff audit entry ('charge_added', with the reason) and the resident's email ("a charge is
 * due", with the amount and the application's page, where "Payer" is), all in one transaction:
 * a refusal anywhere leaves nothing.
 */
export async function addStaffCharge(
  deps: Pick<Deps, 'db' | 'appUrl'>,
  input: {
    applicationId: string;
    staff: StaffActor;
    lines: StaffChargeLine[];
    reason: string;
    now: Date;
    ip?: string;
  },
): Promise<AddStaffChargeResult> {
  const { staff, now } = input;
  const reason = input.reason.trim();
  const lines = input.lines.map((l) => ({ ...l, description: l.description.trim() }));
  if (
    lines.length === 0 ||
    !reason ||
    reason.length > CHARGE_REASON_MAX ||
    lines.some(
      (l) =>
        !l.description ||
        l.description.length > CHARGE_DESCRIPTION_MAX ||
        !Number.isSafeInteger(l.amountCents) ||
        l.amountCents <= 0 ||
        l.amountCents > MAX_CHARGE_CENTS,
    )
  )
    return { status: 'invalid' };
  return deps.db.transaction(async (tx: Db) => {
    const [application] = await tx
      .select({
        id: applications.id,
        reference: applications.reference,
        userId: applications.userId,
      })
      .from(applications)
      .where(eq(applications.id, input.applicationId))
      .for('update');
    if (!application) return { status: 'not_found' as const };
    const added = await addCharge(
      { db: tx, now: () => now },
      {
        reference: application.reference,
        lines: lines.map((l) => ({
          labelKey: STAFF_CHARGE_LABEL,
          labelParams: { description: l.description },
          amountCents: l.amountCents,
        })),
        actor: { role: staff.role, id: staff.id },
      },
    );
    if (added.status !== 'ok') return added;
    await recordStaffAudit(tx, {
      action: 'charge_added',
      now,
      actorId: staff.id,
      applicationId: application.id,
      ip: input.ip,
      detail: {
        reference: application.reference,
        invoiceId: added.invoiceId,
        amountCents: added.totalCents,
        reason,
      },
    });
    const [owner] = await tx
      .select({ email: users.email, locale: users.locale })
      .from(users)
      .where(eq(users.id, application.userId));
    if (owner) {
      await enqueueEmail(
        tx,
        {
          to: owner.email,
          template: 'charge-due',
          locale: owner.locale,
          props: {
            reference: application.reference,
            amountCents: added.totalCents,
            descriptions: lines.map((l) => l.description),
            applicationUrl: absoluteUrlOf(deps.appUrl, owner.locale, application.reference),
          },
        },
        { now: () => now },
      );
    }
    return added;
  });
}
