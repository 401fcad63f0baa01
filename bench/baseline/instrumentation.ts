/**
 * Empty on purpose: Turbopack looks for instrumentation.ts from the project folder upwards, so
 * without this file the baseline would run the portal's (which needs the portal's secrets).
 */
export function register(): void {}
