/**
 * The PIN's attempt rules, shared by the server and the PIN form (no database here): ten wrong
 * PINs in a row lock linking until the City unlocks it (PIN-02).
 */
export const PIN_LOCK_AFTER = 10;

/**
 * From how many tries left the PIN form says how many remain: the per-account allowance
 * (5 in 10 minutes, PIN-02) is spent exactly when half the tries before the lock are gone.
 */
export const PIN_WARN_FROM = 5;

/** The tries left worth counting out loud: between 1 and PIN_WARN_FROM, else null. */
export function fewTriesLeft(left: number): number | null {
  return left >= 1 && left <= PIN_WARN_FROM ? left : null;
}
