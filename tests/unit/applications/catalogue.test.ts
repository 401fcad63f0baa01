import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import {
  APPLICATION_TYPES,
  catalogueMessageKeys,
  COMPLIANCE_REPORT,
  CONSTRUCTION_PERMIT,
  formSteps,
} from '@/lib/applications/catalogue';
import { computeFee, FEE_SCHEDULE } from '@/lib/applications/fees';
import {
  checkField,
  firstInvalidStep,
  parseDollarsToCents,
  stepSchema,
} from '@/lib/applications/step-schema';
import { STATUSES } from '@/lib/applications/status-machine';

function lookup(messages: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
}

const step = (key: string) => {
  const found = formSteps(CONSTRUCTION_PERMIT).find((s) => s.key === key);
  if (!found) throw new Error(key);
  return found;
};

describe('the catalogue of application types', () => {
  it('has every text it names in both message files, statuses included', () => {
    const keys = [
      ...catalogueMessageKeys(),
      ...STATUSES.map((status) => `Applications.statuses.${status}`),
    ];
    expect(keys.length).toBeGreaterThan(100);
    for (const key of keys) {
      expect(typeof lookup(fr, key), `fr ${key}`).toBe('string');
      expect(typeof lookup(en, key), `en ${key}`).toBe('string');
    }
  });

  it('gives each type its own three-letter prefix', () => {
    const prefixes = APPLICATION_TYPES.map((t) => t.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const prefix of prefixes) expect(prefix).toMatch(/^[A-Z]{3}$/);
  });

  it('has the guide’s steps in order for each type', () => {
    expect(CONSTRUCTION_PERMIT.steps.map((s) => s.key)).toEqual([
      'gettingStarted',
      'applicant',
      'location',
      'workDetails',
      'documents',
      'review',
    ]);
    expect(COMPLIANCE_REPORT.steps.map((s) => s.key)).toEqual([
      'location',
      'applicantPurpose',
      'review',
    ]);
  });
});

describe('step schemas derived from the catalogue (VAL-01)', () => {
  const work = stepSchema(step('workDetails'));
  const valid = {
    workDescription: 'Agrandissement arrière de 4 m sur 6 m',
    constructionValue: '85 000',
    workArea: '24,5',
    currentUse: 'Maison isolée',
    proposedUse: 'Maison isolée',
    dwellingUnits: '1',
  };

  it('stores money as integer cents and areas as numbers', () => {
    expect(work.parse(valid)).toMatchObject({
      constructionValue: 8_500_000,
      workArea: 24.5,
      dwellingUnits: 1,
    });
  });

  it('refuses absurd values with their own message: a $10^15 project, a 0 m² addition', () => {
    const result = work.safeParse({
      ...valid,
      constructionValue: '1000000000000000',
      workArea: '0',
      dwellingUnits: '-1',
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(
      result.error!.issues.map((issue) => [issue.path[0], issue.message]),
    );
    expect(messages).toEqual({
      constructionValue: 'Applications.fields.constructionValue.errors.tooLarge',
      workArea: 'Applications.fields.workArea.errors.tooSmall',
      dwellingUnits: 'Applications.fields.dwellingUnits.errors.number',
    });
  });

  it('keeps the line breaks of a long text, and nothing else hidden', () => {
    const text = 'Agrandissement arrière.\r\nDeux étages.';
    expect(work.parse({ ...valid, workDescription: text }).workDescription).toBe(
      'Agrandissement arrière.\nDeux étages.',
    );
    expect(work.safeParse({ ...valid, workDescription: 'a\u0000b' }).success).toBe(false);
    expect(work.safeParse({ ...valid, currentUse: 'Maison\nisolée' }).success).toBe(false);
  });

  it('refuses unknown options, oversized text, hidden characters and wrong shapes', () => {
    const started = stepSchema(step('gettingStarted')).safeParse({
      projectDescription: 'castle',
      buildingType: 'detached',
      workScope: 'addition',
    });
    expect(started.error?.issues[0]?.message).toBe(
      'Applications.fields.projectDescription.errors.invalid',
    );
    expect(
      work.safeParse({ ...valid, workDescription: 'x'.repeat(2001) }).error?.issues[0]?.message,
    ).toBe('Applications.fields.workDescription.errors.tooLong');
    expect(work.safeParse({ ...valid, currentUse: 'Maison\u202e' }).error?.issues[0]?.message).toBe(
      'Applications.fields.currentUse.errors.invalid',
    );
    expect(work.safeParse({ ...valid, constructionValue: '12,345,6' }).success).toBe(false);
    // Not strings at all (a crafted request): refused, not thrown.
    expect(work.safeParse({ ...valid, dwellingUnits: 3 }).success).toBe(false);
    expect(work.safeParse(null).success).toBe(false);
  });

  it('asks for the owner’s details only from an agent, and keeps none from an owner', () => {
    const applicant = stepSchema(step('applicant'));
    expect(applicant.parse({ applicantRole: 'owner', ownerName: 'Left over' })).toEqual({
      applicantRole: 'owner',
      ownerName: '',
      ownerAddress: '',
      ownerPhone: '',
      ownerEmail: '',
    });
    const agent = applicant.safeParse({ applicantRole: 'agent' });
    expect(agent.error?.issues.map((i) => i.path[0])).toEqual([
      'ownerName',
      'ownerAddress',
      'ownerPhone',
      'ownerEmail',
    ]);
  });

  it('takes an Ottawa postal code only, normalized', () => {
    const field = step('location').fields.find((f) => f.key === 'sitePostalCode')!;
    expect(checkField(field, 'k1p1j1', true)).toEqual({ value: 'K1P 1J1' });
    expect(checkField(field, 'M5V 2T6', true)).toEqual({
      error: 'Applications.fields.sitePostalCode.errors.ottawaPostalCode',
    });
  });

  it('reads dollars the way residents type them, in French and English', () => {
    expect(parseDollarsToCents('250 000')).toBe(25_000_000);
    expect(parseDollarsToCents('250,000.50')).toBe(25_000_050);
    expect(parseDollarsToCents('250 000,50 $')).toBe(25_000_050);
    expect(parseDollarsToCents('$1,000')).toBe(100_000);
    expect(parseDollarsToCents('12.345')).toBeNull();
    expect(parseDollarsToCents('-5')).toBeNull();
    expect(parseDollarsToCents('1e9')).toBeNull();
  });

  it('finds the first step left incomplete when the whole application is checked', () => {
    expect(firstInvalidStep(CONSTRUCTION_PERMIT, {})?.step).toBe('gettingStarted');
    const partial = firstInvalidStep(CONSTRUCTION_PERMIT, {
      gettingStarted: {
        projectDescription: 'house',
        buildingType: 'detached',
        workScope: 'addition',
      },
      applicant: { applicantRole: 'owner' },
    });
    expect(partial).toEqual({
      step: 'location',
      fieldErrors: {
        civicNumber: 'Applications.fields.civicNumber.errors.required',
        street: 'Applications.fields.street.errors.required',
        sitePostalCode: 'Applications.fields.sitePostalCode.errors.required',
      },
    });
  });
});

describe('fees from the fee schedule (integer cents)', () => {
  it('charges $10.75 per $1,000 of construction value, at least $98', () => {
    const fee = (dollars: number) =>
      computeFee(CONSTRUCTION_PERMIT, { workDetails: { constructionValue: dollars * 100 } });
    expect(fee(250_000)).toEqual({
      lines: [{ key: 'constructionPermit.byValue', amountCents: 268_750 }],
      totalCents: 268_750,
      effectiveDate: FEE_SCHEDULE.effectiveDate,
    });
    expect(fee(5_000)?.lines).toEqual([{ key: 'constructionPermit.minimum', amountCents: 9_800 }]);
    // Rounded half up to the cent: $12,345 × 10.75 / 1000 = $132.70875.
    expect(fee(12_345)?.totalCents).toBe(13_271);
    expect(fee(1_000_000_000)?.totalCents).toBe(1_075_000_000);
  });

  it('charges the compliance report’s fixed amounts by property category', () => {
    const fee = (propertyCategory: string) =>
      computeFee(COMPLIANCE_REPORT, { applicantPurpose: { propertyCategory } })?.totalCents;
    expect(fee('residentialSmall')).toBe(26_500);
    expect(fee('residentialLarge')).toBe(67_900);
    expect(fee('castle')).toBeUndefined();
  });

  it('has no fee until the answers it depends on are there', () => {
    expect(computeFee(CONSTRUCTION_PERMIT, {})).toBeNull();
  });

  it('names a text for every fee line the schedule can produce, in both languages', () => {
    for (const key of [
      'constructionPermit.byValue',
      'constructionPermit.minimum',
      'complianceReport.residentialSmall',
      'complianceReport.residentialLarge',
    ]) {
      expect(typeof lookup(fr, `Applications.feeLines.${key}`)).toBe('string');
      expect(typeof lookup(en, `Applications.feeLines.${key}`)).toBe('string');
    }
  });
});
