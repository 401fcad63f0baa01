import {
  findResidentAccount,
  findResidentAccountByEmail,
  type ResidentAccountState,
} from '@/lib/accounts/find-resident-account';
import { requirePasswordChange } from '@/lib/accounts/require-password-change';
import { resendActivationEmail, type ActivationResent } from '@/lib/accounts/resend-activation';
import {
  importClientRecords,
  issueClientRecord,
  mailingFile,
  type ClientRecordRow,
  type ImportResult,
  type IssueClientRecordResult,
} from '@/lib/clients/import-client-records';
import { unlockPinLink, type PinUnlockResult } from '@/lib/clients/unlock-pin-link';
import type { Deps } from '@/lib/deps';
import { recordStaffAudit } from './audit';

/**
 * The administrators' support screens (APPLICATIONS.md, "The staff area" → Support): each one
 * the command's domain function (`npm run accounts`, `npm run clients`), then one staff audit row
 * naming the administrator who acted (STF-04). Never a PIN, password or token in the trail.
 */
export interface SupportActor {
  actorId: string;
  ip?: string;
}

/** "Trouver un compte": the account using the address, or null; the look-up is audited. */
export async function lookUpResident(
  deps: Pick<Deps, 'db' | 'now'>,
  email: string,
  actor: SupportActor,
): Promise<ResidentAccountState | null> {
  const now = deps.now();
  const account = await findResidentAccountByEmail(deps.db, email, now);
  await recordStaffAudit(deps.db, {
    action: 'resident_looked_up',
    now,
    ...actor,
    detail: account ? { found: true, userId: account.id } : { found: false },
  });
  return account;
}

/** The account the screen shows, by its identifier (nothing written: a page view). */
export function residentAccount(deps: Pick<Deps, 'db' | 'now'>, userId: string) {
  return findResidentAccount(deps.db, userId, deps.now());
}

export async function supportResendActivation(
  deps: Deps,
  account: { id: string; email: string },
  actor: SupportActor,
): Promise<ActivationResent> {
  const result = await resendActivationEmail(deps, account.email);
  if (result === 'sent') {
    await recordStaffAudit(deps.db, {
      action: 'activation_resent',
      now: deps.now(),
      ...actor,
      detail: { userId: account.id },
    });
  }
  return result;
}

export async function supportRequirePasswordChange(
  deps: Pick<Deps, 'db' | 'now'>,
  account: { id: string; email: string },
  actor: SupportActor,
): Promise<boolean> {
  const flagged = await requirePasswordChange(deps, account.email);
  if (flagged) {
    await recordStaffAudit(deps.db, {
      action: 'password_change_required',
      now: deps.now(),
      ...actor,
      detail: { userId: account.id },
    });
  }
  return flagged;
}

export async function supportUnlockPinLink(
  deps: Pick<Deps, 'db' | 'now'>,
  account: { id: string; email: string },
  actor: SupportActor,
): Promise<PinUnlockResult> {
  const result = await unlockPinLink(deps.db, account.email);
  if (result === 'unlocked') {
    await recordStaffAudit(deps.db, {
      action: 'pin_link_unlocked',
      now: deps.now(),
      ...actor,
      detail: { userId: account.id },
    });
  }
  return result;
}

/** "Émettre un NIP": the record's client number goes in the trail, never the PIN. */
export async function supportIssueClientPin(
  deps: Pick<Deps, 'db' | 'now'>,
  row: ClientRecordRow,
  opts: { validDays?: number },
  actor: SupportActor,
): Promise<IssueClientRecordResult> {
  const now = deps.now();
  const issued = await issueClientRecord(deps.db, row, { now, validDays: opts.validDays });
  if (issued.status === 'issued') {
    await recordStaffAudit(deps.db, {
      action: 'client_pin_issued',
      now,
      ...actor,
      detail: { clientNumber: issued.clientNumber },
    });
  }
  return issued;
}

/** "Importer un fichier": the counts go in the trail; the mailing file only to the screen. */
export async function supportImportClientPins(
  deps: Pick<Deps, 'db' | 'now'>,
  csv: string,
  opts: { validDays?: number },
  actor: SupportActor,
): Promise<ImportResult & { mailing: string }> {
  const now = deps.now();
  const result = await importClientRecords(deps.db, csv, { now, validDays: opts.validDays });
  await recordStaffAudit(deps.db, {
    action: 'client_pins_imported',
    now,
    ...actor,
    detail: { issued: result.issued.length, refused: result.errors.length },
  });
  return { ...result, mailing: mailingFile(result.issued) };
}
