/**
 * The actions' name for `runtimeDeps` (lib/deps.ts). It goes once the action wrapper hands every
 * action its dependencies.
 */
export { runtimeDeps as accountDeps } from '@/lib/deps';
