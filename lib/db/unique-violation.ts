/**
 * Postgres' unique_violation (23505), however the driver (PGlite, Neon) and drizzle wrap it; with
 * `constraint`, only a violation of that index or constraint (named in the error's `constraint`
 * field or, where a driver leaves it out, in its message).
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message } = e as { code?: unknown; constraint?: unknown; message?: unknown };
    if (code === '23505') {
      if (!constraint) return true;
      const named = (e as { constraint?: unknown }).constraint;
      return named === constraint || (typeof message === 'string' && message.includes(constraint));
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
