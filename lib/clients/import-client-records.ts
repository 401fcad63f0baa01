import { z } from 'zod';
import type { Db } from '@/lib/db/types';
import { hasHiddenCharacters } from '@/lib/forms/hidden-characters';
import { parseCsv, toCsvRow } from './csv';
import { ClientNumberTakenError, issueClientPin } from './issue-client-pin';

export const CSV_COLUMNS = ['client_number', 'first_name', 'last_name', 'address'] as const;
export type ClientCsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * Why a row (or one field of the issue form) is refused, as a code the support screen words in
 * its language; the command prints each problem's English `message`.
 */
export type ClientRowProblemCode =
  'required' | 'tooLong' | 'hiddenCharacters' | 'clientNumberFormat' | 'clientNumberTaken';

export interface ClientRowProblem {
  code: ClientRowProblemCode;
  column: ClientCsvColumn;
  /** tooLong: the column's maximum length. */
  max?: number;
}

const clean = (max: number) =>
  z
    .string()
    .transform((v) => v.trim())
    .refine((v) => [...v].length <= max, {
      message: `longer than ${max} characters`,
      params: { code: 'tooLong', max },
    })
    .refine((v) => !hasHiddenCharacters(v), {
      message: 'contains control, text-direction or line-separator characters',
      params: { code: 'hiddenCharacters' },
    });

export const clientRecordRowSchema = z.object({
  clientNumber: clean(20).refine((v) => v === '' || /^[A-Za-z0-9-]+$/.test(v), {
    message: 'client_number: letters, digits and dashes only',
    params: { code: 'clientNumberFormat' },
  }),
  firstName: clean(100).refine((v) => v !== '', {
    message: 'first_name is required',
    params: { code: 'required' },
  }),
  lastName: clean(100).refine((v) => v !== '', {
    message: 'last_name is required',
    params: { code: 'required' },
  }),
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

export type ClientRecordRow = z.input<typeof clientRecordRowSchema>;

const COLUMN_OF: Record<keyof ClientRecordRow, ClientCsvColumn> = {
  clientNumber: 'client_number',
  firstName: 'first_name',
  lastName: 'last_name',
  address: 'address',
};

function problemsOf(error: z.ZodError): ClientRowProblem[] {
  return error.issues.map((issue) => {
    const params = (issue as { params?: { code?: ClientRowProblemCode; max?: number } }).params;
    const problem: ClientRowProblem = {
      code: params?.code ?? 'required',
      column: COLUMN_OF[issue.path[0] as keyof ClientRecordRow] ?? 'client_number',
    };
    if (params?.max !== undefined) problem.max = params.max;
    return problem;
  });
}

export type IssueClientRecordResult =
  | {
      status: 'issued';
      clientNumber: string;
      pin: string;
      record: z.output<typeof clientRecordRowSchema>;
    }
  | { status: 'refused'; message: string; problems: ClientRowProblem[] };

/**
 * One client record with a new PIN, from what an operator typed or a CSV row held: checked by
 * `clientRecordRowSchema`, then issued (`issueClientPin`). The command's `issue` and `import`
 * and the support screen's two forms all go through here. The PIN comes back once, in clear.
 */
export async function issueClientRecord(
  db: Db,
  row: ClientRecordRow,
  opts: { now?: Date; validDays?: number } = {},
): Promise<IssueClientRecordResult> {
  const parsed = clientRecordRowSchema.safeParse(row);
  if (!parsed.success) {
    return {
      status: 'refused',
      message: parsed.error.issues.map((i) => i.message).join('; '),
      problems: problemsOf(parsed.error),
    };
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
    return { status: 'issued', ...issued, record };
  } catch (error) {
    if (!(error instanceof ClientNumberTakenError)) throw error;
    return {
      status: 'refused',
      message: error.message,
      problems: [{ code: 'clientNumberTaken', column: 'client_number' }],
    };
  }
}

export interface ImportResult {
  issued: Array<{
    line: number;
    clientNumber: string;
    firstName: string;
    lastName: string;
    address: string;
    pin: string;
  }>;
  /** `header`: the first line does not name the required columns (nothing was issued). */
  errors: Array<{
    line: number;
    message: string;
    problems: ClientRowProblem[];
    header?: { missing: string[] };
  }>;
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
      problems: [],
      header: { missing: header ? missing : [...CSV_COLUMNS] },
    });
    return result;
  }
  const cell = (fields: string[], name: string) => fields[columns.indexOf(name)] ?? '';
  for (const row of rows) {
    const issued = await issueClientRecord(
      db,
      {
        clientNumber: cell(row.fields, 'client_number'),
        firstName: cell(row.fields, 'first_name'),
        lastName: cell(row.fields, 'last_name'),
        address: cell(row.fields, 'address'),
      },
      opts,
    );
    if (issued.status === 'refused') {
      result.errors.push({ line: row.line, message: issued.message, problems: issued.problems });
      continue;
    }
    result.issued.push({
      line: row.line,
      ...issued.record,
      clientNumber: issued.clientNumber,
      pin: issued.pin,
    });
  }
  return result;
}

/**
 * The mailing file of an import: `client_number,first_name,last_name,address,pin`, CRLF lines —
 * the only place PINs exist in clear (the command writes it to a file, the support screen shows
 * it once for download).
 */
export function mailingFile(issued: ImportResult['issued']): string {
  const lines = [
    toCsvRow(['client_number', 'first_name', 'last_name', 'address', 'pin']),
    ...issued.map((r) => toCsvRow([r.clientNumber, r.firstName, r.lastName, r.address, r.pin])),
  ];
  return lines.join('\r\n') + '\r\n';
}

/** The largest file the support screen takes: under the server actions' 64 kB body limit. */
export const MAX_IMPORT_FILE_BYTES = 60_000;

/** The PIN's validity in days: 1 to 3650 (the command's --valid-days, the screen's field). */
export const MAX_VALID_DAYS = 3650;
export function validDaysFrom(raw: string): number | undefined | 'invalid' {
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  const days = Number(trimmed);
  return /^\d+$/.test(trimmed) && days >= 1 && days <= MAX_VALID_DAYS ? days : 'invalid';
}
