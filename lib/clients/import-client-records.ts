import { z } from 'zod';
import type { Db } from '@/lib/db/types';
import { hasHiddenCharacters } from '@/lib/forms/hidden-characters';
import { parseCsv } from './csv';
import { ClientNumberTakenError, issueClientPin } from './issue-client-pin';

const clean = (max: number) =>
  z
    .string()
    .transform((v) => v.trim())
    .refine((v) => [...v].length <= max, `longer than ${max} characters`)
    .refine(
      (v) => !hasHiddenCharacters(v),
      'contains control, text-direction or line-separator characters',
    );

export const clientRecordRowSchema = z.object({
  clientNumber: clean(20).refine(
    (v) => v === '' || /^[A-Za-z0-9-]+$/.test(v),
    'client_number: letters, digits and dashes only',
  ),
  firstName: clean(100).refine((v) => v !== '', 'first_name is required'),
  lastName: clean(100).refine((v) => v !== '', 'last_name is required'),
  // Multi-line addresses from the old system become one line.
  address: z
    .string()
    .transform((v) =>
      v
        .split(/\r?\n/)
        .map((part) => part.trim())
        .filter(Boolean)
        .join(', '),
    )
    .pipe(clean(300)),
});

export const CSV_COLUMNS = ['client_number', 'first_name', 'last_name', 'address'] as const;

export interface ImportResult {
  issued: Array<{
    line: number;
    clientNumber: string;
    firstName: string;
    lastName: string;
    address: string;
    pin: string;
  }>;
  errors: Array<{ line: number; message: string }>;
}

/**
 * Issues a PIN for each record of a CSV export of the old system (header: client_number,
 * first_name, last_name, address; client_number may be empty to draw one). Each row stands
 * alone: a bad row is reported with its line number and the good ones are kept.
 */
export async function importClientRecords(
  db: Db,
  csv: string,
  opts: { now?: Date; validDays?: number } = {},
): Promise<ImportResult> {
  const rows = parseCsv(csv);
  const result: ImportResult = { issued: [], errors: [] };
  const header = rows.shift();
  const columns = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  const missing = CSV_COLUMNS.filter(
    (c) => c !== 'client_number' && c !== 'address' && !columns.includes(c),
  );
  if (!header || missing.length > 0) {
    result.errors.push({
      line: header?.line ?? 1,
      message: `the header must name the columns ${CSV_COLUMNS.join(', ')} (missing: ${missing.join(', ') || 'all'})`,
    });
    return result;
  }
  const cell = (fields: string[], name: string) => fields[columns.indexOf(name)] ?? '';
  for (const row of rows) {
    const parsed = clientRecordRowSchema.safeParse({
      clientNumber: cell(row.fields, 'client_number'),
      firstName: cell(row.fields, 'first_name'),
      lastName: cell(row.fields, 'last_name'),
      address: cell(row.fields, 'address'),
    });
    if (!parsed.success) {
      result.errors.push({
        line: row.line,
        message: parsed.error.issues.map((i) => i.message).join('; '),
      });
      continue;
    }
    const record = parsed.data;
    try {
      const issued = await issueClientPin(
        db,
        {
          firstName: record.firstName,
          lastName: record.lastName,
          address: record.address || undefined,
          clientNumber: record.clientNumber || undefined,
        },
        opts,
      );
      result.issued.push({ line: row.line, ...record, ...issued });
    } catch (error) {
      if (!(error instanceof ClientNumberTakenError)) throw error;
      result.errors.push({ line: row.line, message: error.message });
    }
  }
  return result;
}
