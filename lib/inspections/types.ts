/**
 * The inspections of a construction permit (APPLICATIONS.md, "After issuance"), in the order the
 * work is inspected; their words are `Inspections.types.<type>`. A passed `final` closes the
 * permit.
 */
export const INSPECTION_TYPES = ['footings', 'framing', 'insulation', 'plumbing', 'final'] as const;
export type InspectionType = (typeof INSPECTION_TYPES)[number];

/** Morning or afternoon on the preferred day: `Inspections.periods.<period>`. */
export const INSPECTION_PERIODS = ['morning', 'afternoon'] as const;
export type InspectionPeriod = (typeof INSPECTION_PERIODS)[number];

/** Conforme · Non conforme · Partielle: `Inspections.results.<result>`. */
export const INSPECTION_RESULTS = ['passed', 'failed', 'partial'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

export function isInspectionType(value: unknown): value is InspectionType {
  return typeof value === 'string' && (INSPECTION_TYPES as readonly string[]).includes(value);
}

/** The application types whose permits are inspected (their keys in the catalogue). */
export const INSPECTED_TYPES: readonly string[] = ['constructionPermit'];
