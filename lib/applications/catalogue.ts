/**
 * The application types, as data (APPLICATIONS.md, "Application types"): their steps, fields,
 * document checklists and fee rules. Pages, schemas, fees and the review are derived from this;
 * every text is in messages/*.json under `Applications` (see `catalogueMessageKeys`). Adding a
 * type is an entry here and its texts: no new page, no new table.
 */

/** A field is required always, never, or when another field of the same step has a value. */
export type Requirement = boolean | { field: string; equals: string };

interface FieldBase {
  /** Unique within a type; the message path is `Applications.fields.<key>`. */
  key: string;
  required: Requirement;
}

export type FieldDef =
  | (FieldBase & { kind: 'choice'; options: readonly string[] })
  | (FieldBase & {
      kind: 'text';
      maxLength: number;
      multiline?: boolean;
      /** A check beyond length and hidden characters, with its own message (`errors.<format>`). */
      format?: 'ottawaPostalCode' | 'phone' | 'email' | 'civicNumber';
      /** The HTML autocomplete token, when one fits. */
      autocomplete?: string;
    })
  | (FieldBase & { kind: 'integer'; min: number; max: number })
  /** A decimal number with at most `decimals` digits after the separator (an area in m²). */
  | (FieldBase & { kind: 'decimal'; min: number; max: number; decimals: number })
  /** Dollars typed by the person, stored as integer cents. */
  | (FieldBase & { kind: 'money'; minCents: number; maxCents: number });

export type StepDef =
  | { key: string; kind: 'form'; fields: readonly FieldDef[]; showsProfile?: boolean }
  | { key: 'documents'; kind: 'documents' }
  | { key: 'review'; kind: 'review' };

/** One item of a type's document checklist; `when` limits it to some answers. */
export interface DocumentDef {
  key: string;
  required: boolean;
  when?: { field: string; in: readonly string[] };
}

export type FeeRule =
  /** A rate per $1,000 of a money field, with a minimum (fee-schedule.json `valueRates`). */
  | { kind: 'valueRate'; schedule: string; valueField: string }
  /** A fixed amount chosen by a choice field (fee-schedule.json `fixed`). */
  | { kind: 'fixed'; schedule: string; byField: string };

export interface ApplicationTypeDef {
  key: string;
  /** The reference's prefix: `CON` gives `CON-2026-000001`. Unique, three capitals. */
  prefix: string;
  steps: readonly StepDef[];
  documents: readonly DocumentDef[];
  fee: FeeRule;
  /** The step whose `civicNumber`, `street` and `unit` make the address shown in lists. */
  addressStep: string;
  /** Ontario's time to decide a complete application, in business days (building code). */
  decisionBusinessDays: number;
  /**
   * Where the building's class depends on an answer: the business days for some of its values
   * (a value not listed keeps `decisionBusinessDays`). The construction permit's "other" building
   * type is a small building (15), the houses keep 10.
   */
  decisionBusinessDaysBy?: { step: string; field: string; days: Readonly<Record<string, number>> };
}

/** The business days the City has to decide an application of `type` with these answers. */
export function decisionBusinessDaysFor(
  type: ApplicationTypeDef,
  answers: Readonly<Record<string, Readonly<Record<string, string | number>> | undefined>>,
): number {
  const by = type.decisionBusinessDaysBy;
  const value = by ? answers[by.step]?.[by.field] : undefined;
  return (by && typeof value === 'string' && by.days[value]) || type.decisionBusinessDays;
}

const location: StepDef = {
  key: 'location',
  kind: 'form',
  fields: [
    { key: 'civicNumber', kind: 'text', maxLength: 10, format: 'civicNumber', required: true },
    {
      key: 'street',
      kind: 'text',
      maxLength: 100,
      required: true,
      autocomplete: 'address-line1',
    },
    { key: 'unit', kind: 'text', maxLength: 10, required: false },
    {
      key: 'sitePostalCode',
      kind: 'text',
      maxLength: 7,
      format: 'ottawaPostalCode',
      required: true,
      autocomplete: 'postal-code',
    },
    { key: 'lot', kind: 'text', maxLength: 30, required: false },
    { key: 'registeredPlan', kind: 'text', maxLength: 30, required: false },
  ],
};

const agent = { field: 'applicantRole', equals: 'agent' } as const;

/** "Demandeur": the applicant's own details come from the profile; an agent names the owner. */
const applicantFields: readonly FieldDef[] = [
  { key: 'applicantRole', kind: 'choice', options: ['owner', 'agent'], required: true },
  { key: 'ownerName', kind: 'text', maxLength: 100, required: agent },
  { key: 'ownerAddress', kind: 'text', maxLength: 200, required: agent },
  { key: 'ownerPhone', kind: 'text', maxLength: 30, format: 'phone', required: agent },
  { key: 'ownerEmail', kind: 'text', maxLength: 254, format: 'email', required: agent },
];

export const CONSTRUCTION_PERMIT: ApplicationTypeDef = {
  key: 'constructionPermit',
  prefix: 'CON',
  decisionBusinessDays: 10,
  decisionBusinessDaysBy: { step: 'gettingStarted', field: 'buildingType', days: { other: 15 } },
  addressStep: 'location',
  fee: { kind: 'valueRate', schedule: 'constructionPermit', valueField: 'constructionValue' },
  steps: [
    {
      key: 'gettingStarted',
      kind: 'form',
      fields: [
        {
          key: 'projectDescription',
          kind: 'choice',
          options: [
            'house',
            'accessoryBuilding',
            'deckPorchSunroom',
            'poolEnclosure',
            'finishedBasement',
            'secondaryDwelling',
          ],
          required: true,
        },
        {
          key: 'buildingType',
          kind: 'choice',
          options: ['detached', 'semiDetached', 'townhouse', 'other'],
          required: true,
        },
        {
          key: 'workScope',
          kind: 'choice',
          options: ['newConstruction', 'addition', 'alteration', 'demolition'],
          required: true,
        },
      ],
    },
    { key: 'applicant', kind: 'form', showsProfile: true, fields: applicantFields },
    location,
    {
      key: 'workDetails',
      kind: 'form',
      fields: [
        { key: 'workDescription', kind: 'text', maxLength: 2000, multiline: true, required: true },
        // Up to one billion dollars: Ottawa's largest projects are in the hundreds of millions.
        {
          key: 'constructionValue',
          kind: 'money',
          minCents: 100,
          maxCents: 100_000_000_000,
          required: true,
        },
        { key: 'workArea', kind: 'decimal', min: 0.1, max: 100_000, decimals: 2, required: true },
        { key: 'currentUse', kind: 'text', maxLength: 200, required: true },
        { key: 'proposedUse', kind: 'text', maxLength: 200, required: true },
        { key: 'dwellingUnits', kind: 'integer', min: 0, max: 500, required: true },
      ],
    },
    { key: 'documents', kind: 'documents' },
    { key: 'review', kind: 'review' },
  ],
  documents: [
    { key: 'sitePlan', required: true },
    { key: 'constructionDrawings', required: true },
    { key: 'designerSchedule', required: true },
    {
      key: 'energyEfficiency',
      required: true,
      when: { field: 'workScope', in: ['newConstruction', 'addition'] },
    },
    {
      key: 'demolitionSurvey',
      required: true,
      when: { field: 'workScope', in: ['demolition'] },
    },
    { key: 'ownerAuthorization', required: false },
  ],
};

export const COMPLIANCE_REPORT: ApplicationTypeDef = {
  key: 'complianceReport',
  prefix: 'RCO',
  decisionBusinessDays: 10,
  addressStep: 'location',
  fee: { kind: 'fixed', schedule: 'complianceReport', byField: 'propertyCategory' },
  steps: [
    location,
    {
      key: 'applicantPurpose',
      kind: 'form',
      showsProfile: true,
      fields: [
        ...applicantFields,
        {
          key: 'reportPurpose',
          kind: 'choice',
          options: ['sale', 'refinancing', 'other'],
          required: true,
        },
        {
          key: 'reportPurposeOther',
          kind: 'text',
          maxLength: 200,
          required: { field: 'reportPurpose', equals: 'other' },
        },
        {
          key: 'propertyCategory',
          kind: 'choice',
          options: ['residentialSmall', 'residentialLarge'],
          required: true,
        },
      ],
    },
    { key: 'review', kind: 'review' },
  ],
  documents: [],
};

export const APPLICATION_TYPES = [CONSTRUCTION_PERMIT, COMPLIANCE_REPORT] as const;

export type Catalogue = readonly ApplicationTypeDef[];

export function findType(
  key: string,
  catalogue: Catalogue = APPLICATION_TYPES,
): ApplicationTypeDef | null {
  return catalogue.find((type) => type.key === key) ?? null;
}

export function findTypeByPrefix(
  prefix: string,
  catalogue: Catalogue = APPLICATION_TYPES,
): ApplicationTypeDef | null {
  return catalogue.find((type) => type.prefix === prefix) ?? null;
}

/** The steps a person fills in (form steps), in order. */
export function formSteps(type: ApplicationTypeDef) {
  return type.steps.filter(
    (step): step is Extract<StepDef, { kind: 'form' }> => step.kind === 'form',
  );
}

export function findStep(type: ApplicationTypeDef, stepKey: string): StepDef | null {
  return type.steps.find((step) => step.key === stepKey) ?? null;
}

/** The rules a field can break, each with its message `Applications.fields.<key>.errors.<rule>`. */
export function fieldRules(field: FieldDef): string[] {
  const rules = field.required === false ? [] : ['required'];
  switch (field.kind) {
    case 'choice':
      return [...rules, 'invalid'];
    case 'text':
      return [...rules, 'tooLong', 'invalid', ...(field.format ? [field.format] : [])];
    case 'integer':
    case 'decimal':
    case 'money':
      return [...rules, 'number', 'tooSmall', 'tooLarge'];
  }
}

/**
 * Every message key the catalogue's pages use, so a test can prove both message files hold them
 * (adding a type is data and texts: this list says which texts).
 */
export function catalogueMessageKeys(catalogue: Catalogue = APPLICATION_TYPES): string[] {
  const keys = new Set<string>();
  for (const type of catalogue) {
    keys.add(`Applications.types.${type.key}.name`);
    keys.add(`Applications.types.${type.key}.when`);
    for (const step of type.steps) {
      keys.add(`Applications.steps.${step.key}.title`);
      if (step.kind !== 'form') continue;
      for (const field of step.fields) {
        keys.add(`Applications.fields.${field.key}.label`);
        if (field.kind === 'choice') {
          for (const option of field.options) {
            keys.add(`Applications.fields.${field.key}.options.${option}`);
          }
        }
        for (const rule of fieldRules(field)) {
          keys.add(`Applications.fields.${field.key}.errors.${rule}`);
        }
      }
    }
    for (const document of type.documents) {
      keys.add(`Applications.documents.${document.key}.name`);
      keys.add(`Applications.documents.${document.key}.help`);
    }
  }
  return [...keys];
}
