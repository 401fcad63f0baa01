import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { clientRecords } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { formatPin, generatePin, hashPin } from './pin';

export const DEFAULT_PIN_VALIDITY_DAYS = 180;

export interface ClientRecordInput {
  firstName: string;
  lastName: string;
  address?: string;
  clientNumber?: string;
}

export class ClientNumberTakenError extends Error {
  constructor(readonly clientNumber: string) {
    super(`Client number ${clientNumber} already has a record`);
  }
}

/**
 * Creates a client record of the old system with a fresh PIN (stored only as a keyed hash) and
 * returns the PIN in clear, once, for the mailing. Without a client number, one is drawn.
 */
export async function issueClientPin(
  db: Db,
  input: ClientRecordInput,
  opts: { now?: Date; validDays?: number } = {},
): Promise<{ clientNumber: string; pin: string }> {
  const now = opts.now ?? new Date();
  const validDays = opts.validDays ?? DEFAULT_PIN_VALIDITY_DAYS;
  for (let attempt = 0; attempt < 5; attempt++) {
    const clientNumber = input.clientNumber ?? String(randomInt(10_000_000, 100_000_000));
    const pin = generatePin();
    const inserted = await db
      .insert(clientRecords)
      .values({
        clientNumber,
        firstName: input.firstName,
        lastName: input.lastName,
        address: input.address || null,
        pinHash: hashPin(pin),
        pinIssuedAt: now,
        pinExpiresAt: new Date(now.getTime() + validDays * 86_400_000),
      })
      .onConflictDoNothing()
      .returning({ id: clientRecords.id });
    if (inserted.length === 1) return { clientNumber, pin: formatPin(pin) };
    if (input.clientNumber) {
      const [taken] = await db
        .select({ id: clientRecords.id })
        .from(clientRecords)
        .where(eq(clientRecords.clientNumber, clientNumber));
      if (taken) throw new ClientNumberTakenError(clientNumber);
    }
  }
  throw new Error('Could not draw a free client number and PIN');
}
