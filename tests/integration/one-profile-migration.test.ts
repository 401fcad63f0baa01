import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * drizzle/0007_one_profile.sql on a database holding registrations made before it: each
 * registration's details become the person's contact details where they had none, and the
 * registration keeps only its own facts.
 */

const MIGRATIONS = path.resolve('drizzle');
const BEFORE = '0007_one_profile';

/** The migrations folder as it was before `tag`: its SQL files and a journal ending before it. */
function migrationsBefore(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monso-migrations-'));
  fs.cpSync(MIGRATIONS, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as {
    entries: { tag: string }[];
  };
  const index = journal.entries.findIndex((e) => e.tag === tag);
  expect(index).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, index);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

const USERS = {
  registeredOnly: '00000000-0000-4000-8000-000000000001',
  both: '00000000-0000-4000-8000-000000000002',
  contactOnly: '00000000-0000-4000-8000-000000000003',
};

describe('migration 0007_one_profile', () => {
  let client: PGlite;
  let older: string;

  beforeAll(async () => {
    client = await PGlite.create();
    older = migrationsBefore(BEFORE);
    await migrate(drizzle(client), { migrationsFolder: older });
    for (const [name, id] of Object.entries(USERS)) {
      await client.query(
        `insert into users (id, email, password_hash, locale, terms_version, accepted_terms_at)
         values ($1, $2, 'x', 'fr', '2026-01', now())`,
        [id, `${name}@example.ca`],
      );
    }
    const registration = `insert into building_registrations (user_id, title, first_name,
      last_name, communication_language, address1, city, province, postal_code, country, phone,
      notice_version, consented_at, client_record_choice, client_record_choice_at, updated_at)
      values ($1, 'mr', $2, 'Tremblay', 'en', '110, avenue Laurier Ouest', 'Ottawa', 'ON',
      'K1P 1J1', 'CA', $3, '2026-01', '2026-05-01T12:00:00Z', 'skipped', '2026-05-01T12:01:00Z',
      '2026-05-01T12:00:00Z')`;
    await client.query(registration, [USERS.registeredOnly, 'Jean', '613-580-2424']);
    await client.query(registration, [USERS.both, 'Ancien', '613-555-0001']);
    const contact = `insert into contact_details (user_id, first_name, last_name,
      communication_language, phone, updated_at)
      values ($1, $2, 'Tremblay', 'fr', $3, '2026-06-01T12:00:00Z')`;
    await client.query(contact, [USERS.both, 'Récent', '613-555-0002']);
    await client.query(contact, [USERS.contactOnly, 'Seul', '613-555-0003']);
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    if (older) fs.rmSync(older, { recursive: true, force: true });
  });

  const contactOf = async (userId: string) =>
    (
      await client.query<Record<string, unknown>>(
        'select * from contact_details where user_id = $1',
        [userId],
      )
    ).rows;

  it('gives a person with a registration and no contact details one contact_details row, with the registration’s details', async () => {
    const rows = await contactOf(USERS.registeredOnly);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      title: 'mr',
      first_name: 'Jean',
      last_name: 'Tremblay',
      communication_language: 'en',
      address1: '110, avenue Laurier Ouest',
      city: 'Ottawa',
      province: 'ON',
      postal_code: 'K1P 1J1',
      country: 'CA',
      phone: '613-580-2424',
      unit: null,
      updated_at: new Date('2026-05-01T12:00:00Z'),
    });
    const changes = await client.query<{ source: string; fields: string[]; changed_at: Date }>(
      'select source, fields, changed_at from contact_details_changes where user_id = $1',
      [USERS.registeredOnly],
    );
    expect(changes.rows).toEqual([
      {
        source: 'migration',
        fields: [
          'title',
          'firstName',
          'lastName',
          'communicationLanguage',
          'address1',
          'city',
          'province',
          'postalCode',
          'country',
          'phone',
        ],
        changed_at: new Date('2026-05-01T12:00:00Z'),
      },
    ]);
  });

  it('keeps the contact details of a person who had both, and leaves the others alone', async () => {
    expect(await contactOf(USERS.both)).toEqual([
      expect.objectContaining({ first_name: 'Récent', phone: '613-555-0002' }),
    ]);
    expect(await contactOf(USERS.contactOnly)).toEqual([
      expect.objectContaining({ first_name: 'Seul' }),
    ]);
    const changes = await client.query(
      'select 1 from contact_details_changes where user_id <> $1',
      [USERS.registeredOnly],
    );
    expect(changes.rows).toEqual([]);
  });

  it('leaves the registrations with their own facts only', async () => {
    const columns = await client.query<{ column_name: string }>(
      `select column_name from information_schema.columns
       where table_name = 'building_registrations' order by column_name`,
    );
    expect(columns.rows.map((c) => c.column_name)).toEqual([
      'client_record_choice',
      'client_record_choice_at',
      'consented_at',
      'notice_version',
      'updated_at',
      'user_id',
    ]);
    const registrations = await client.query(
      'select user_id, notice_version, client_record_choice from building_registrations order by user_id',
    );
    expect(registrations.rows).toEqual([
      { user_id: USERS.registeredOnly, notice_version: '2026-01', client_record_choice: 'skipped' },
      { user_id: USERS.both, notice_version: '2026-01', client_record_choice: 'skipped' },
    ]);
  });
});
