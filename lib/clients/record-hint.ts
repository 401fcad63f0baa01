import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/types';
import { clientRecords, pinLockouts } from '@/lib/db/schema';
import { PIN_LOCK_AFTER } from './pin-rules';

/** The PIN tries left before linking locks (PIN-02); 0 when it is locked. */
export async function pinTriesLeft(db: Db, userId: string): Promise<number> {
  const [lock] = await db
    .select({ failures: pinLockouts.consecutiveFailures })
    .from(pinLockouts)
    .where(eq(pinLockouts.userId, userId));
  return Math.max(0, PIN_LOCK_AFTER - (lock?.failures ?? 0));
}

/** Words that name a kind of street, not the street: kept, but not enough to stop at. */
const STREET_TYPES = new Set(
  [
    'av',
    'ave',
    'avenue',
    'boul',
    'boulevard',
    'blvd',
    'ch',
    'chemin',
    'cr',
    'cres',
    'crescent',
    'croissant',
    'court',
    'ct',
    'dr',
    'drive',
    'lane',
    'montée',
    'place',
    'pl',
    'prom',
    'promenade',
    'rang',
    'rd',
    'road',
    'route',
    'rue',
    'st',
    'street',
    'terrace',
    'way',
  ].map((w) => w.normalize('NFC')),
);

/**
 * A detail of the linked record that lets its owner recognise it without showing the address
 * whole (the page may be seen by others): the civic number with all but its first digit masked,
 * the street's name, and "…" for the rest (direction, unit, city, postal code).
 * "110, avenue Laurier Ouest, Ottawa" → "1••, avenue Laurier…". Null when there is no address.
 */
export function maskAddress(address: string | null | undefined): string | null {
  const text = (address ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const segments = text.split(',').map((s) => s.trim());
  // "110, avenue Laurier": the French civic number stands alone before the first comma.
  let street = segments[0]!;
  let rest = segments.slice(1);
  let separator = ' ';
  if (/^\d+[A-Za-z]?$/.test(street) && rest.length > 0) {
    separator = ', ';
    street = `${street}, ${rest[0]}`;
    rest = rest.slice(1);
  }
  const match = street.match(/^(\d+)[A-Za-z]?(?:,\s*|\s+)(.*)$/);
  const number = match ? match[1]! : null;
  const words = (match ? match[2]! : street).split(' ').filter(Boolean);
  const kept: string[] = [];
  for (const word of words) {
    kept.push(word);
    const bare = word.toLowerCase().replace(/\.$/, '');
    if (/^\p{Lu}/u.test(word) && !STREET_TYPES.has(bare) && bare.length > 1) break;
  }
  const cut = kept.length < words.length || rest.length > 0;
  // A one-digit number is masked whole: showing its first digit would show all of it.
  const shown = number && number.length > 1 ? number.charAt(0) : '';
  const masked = number ? `${shown}${'•'.repeat(number.length - shown.length)}${separator}` : '';
  return `${masked}${kept.join(' ')}${cut ? '…' : ''}`;
}

/** The masked address of the record linked to this account, if it has one. */
export async function linkedRecordHint(db: Db, userId: string): Promise<string | null> {
  const [record] = await db
    .select({ address: clientRecords.address })
    .from(clientRecords)
    .where(eq(clientRecords.linkedUserId, userId));
  return maskAddress(record?.address);
}
