import { z } from 'zod';
import { hasHiddenCharacters } from '@/lib/forms/hidden-characters';
import { INSPECTION_RESULTS } from './types';

const R = 'StaffInspections.record.errors';

/** Several lines of text: line breaks and tabs are fine, other hidden characters are not. */
const multiline = (max: number) =>
  z
    .string()
    .default('')
    .transform((v) => v.trim())
    .pipe(
      z
        .string()
        .max(max, `${R}.tooLong`)
        .refine((v) => !hasHiddenCharacters(v.replace(/[\r\n\t]/g, '')), `${R}.characters`),
    );

/** The inspection acted upon; anything else than a uuid is "not found" in the domain function. */
const inspectionId = z.string().default('').pipe(z.string().trim().max(64));
/** A time as the form sends it; the domain function checks it (HH:MM, within the half-day). */
const clockTime = z
  .string()
  .default('')
  .transform((v) => v.trim().slice(0, 5));

/** "Confirmer la plage horaire": the start and end, checked against the half-day by the domain. */
export const scheduleInspectionSchema = z.object({
  inspectionId,
  windowStart: clockTime,
  windowEnd: clockTime,
});

/**
 * "Consigner le résultat": Conforme, Non conforme or Partielle; what to fix (the resident sees
 * it) is required unless it passed; the notes are for staff.
 */
export const recordInspectionSchema = z
  .object({
    inspectionId,
    result: z
      .string()
      .default('')
      .pipe(z.enum(INSPECTION_RESULTS, { message: `${R}.resultRequired` })),
    toFix: multiline(2000),
    notes: multiline(4000),
  })
  .superRefine((form, ctx) => {
    if (form.result !== 'passed' && !form.toFix) {
      ctx.addIssue({ code: 'custom', path: ['toFix'], message: `${R}.toFixRequired` });
    }
  });
