import { countActionRequired } from '@/lib/applications/action-required';
import type { Db } from '@/lib/db/types';

/** The counts the dashboard's widgets show (`Widget.count`), by name. */
export interface WidgetCounts {
  /** The resident's building applications needing their action ("Action requise"). */
  action: number;
}

/**
 * The dashboard's counts. The dashboard is the benchmark's denominator page: a person without a
 * Building Code Services registration has no application and costs no statement; anyone else
 * one (the count with the action-required predicate, by applications_user_idx).
 */
export async function widgetCounts(
  db: Db,
  user: { id: string; registration: object | null },
): Promise<WidgetCounts> {
  if (!user.registration) return { action: 0 };
  return { action: await countActionRequired(db, user.id) };
}
