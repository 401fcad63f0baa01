import { z } from 'zod';
import { hasHiddenCharacters } from '@/lib/forms/hidden-characters';

const E = 'StaffApplicationPage.errors';

/** Several lines of text: line breaks and tabs are fine, other hidden characters are not. */
const multiline = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `${E}.tooLong`)
    .refine((v) => !hasHiddenCharacters(v.replace(/[\r\n\t]/g, '')), `${E}.characters`);

const required = (max: number, message: string) =>
  multiline(max).refine((v) => v.length > 0, message);

export const REFERENCE = z.string().trim().min(1).max(40);

/** The request for information's item kinds (APPLICATIONS.md, "The staff area"). */
export const ITEM_KINDS = ['missing_document', 'correction', 'other'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
/** The form offers this many item rows (no JavaScript: a fixed number, blank rows ignored). */
export const ITEM_ROWS = 3;

/** A comment on a move (start the check, accept): optional. */
export const commentSchema = z.object({ reference: REFERENCE, comment: multiline(2000) });

export const noteSchema = z.object({
  reference: REFERENCE,
  note: required(4000, `${E}.noteRequired`),
});

export const assignSchema = z.object({
  reference: REFERENCE,
  assignee: z.string().trim().uuid(`${E}.assigneeRequired`),
});

export const approveSchema = z.object({ reference: REFERENCE, conditions: multiline(4000) });

export const refuseSchema = z.object({
  reference: REFERENCE,
  reasons: required(4000, `${E}.reasonsRequired`),
});

export const withdrawalSchema = z.object({ reference: REFERENCE, comment: multiline(2000) });

/** "2026-12-18" and a day that exists (no 30 February); the domain checks it is in the future. */
function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

const itemKind = z.union([z.enum(ITEM_KINDS), z.literal('')], { message: `${E}.itemKind` });

/**
 * "Demander des renseignements": up to three items (a kind and a message each; a row left blank
 * is ignored, a half-filled one is an error), an overall message and a due date. Whether the date
 * is in the future is checked by the domain function, against its clock.
 */
export const informationRequestSchema = z
  .object({
    reference: REFERENCE,
    itemKind1: itemKind,
    itemMessage1: multiline(1000),
    itemKind2: itemKind,
    itemMessage2: multiline(1000),
    itemKind3: itemKind,
    itemMessage3: multiline(1000),
    message: required(4000, `${E}.messageRequired`),
    dueOn: z
      .string()
      .trim()
      .refine((v) => v === '' || isRealDate(v), `${E}.dueOnInvalid`),
  })
  .superRefine((form, ctx) => {
    let filled = 0;
    for (let i = 1; i <= ITEM_ROWS; i++) {
      const kind = form[`itemKind${i}` as 'itemKind1'];
      const message = form[`itemMessage${i}` as 'itemMessage1'];
      if (kind && message) filled++;
      else if (kind && !message) {
        ctx.addIssue({ code: 'custom', path: [`itemMessage${i}`], message: `${E}.itemMessage` });
      } else if (!kind && message) {
        ctx.addIssue({ code: 'custom', path: [`itemKind${i}`], message: `${E}.itemKind` });
      }
    }
    if (filled === 0 && !form.itemKind1 && !form.itemMessage1) {
      ctx.addIssue({ code: 'custom', path: ['itemKind1'], message: `${E}.itemsRequired` });
    }
  })
  .transform((form) => ({
    reference: form.reference,
    message: form.message,
    dueOn: form.dueOn || null,
    items: [1, 2, 3]
      .map((i) => ({
        kind: form[`itemKind${i}` as 'itemKind1'],
        message: form[`itemMessage${i}` as 'itemMessage1'],
      }))
      .filter((item): item is { kind: ItemKind; message: string } =>
        Boolean(item.kind && item.message),
      ),
  }));
export type InformationRequestInput = z.output<typeof informationRequestSchema>;
