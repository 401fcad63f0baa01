import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { CONSTRUCTION_PERMIT } from '@/lib/applications/catalogue';
import { saveApplicationStep } from '@/lib/applications/save-application-step';
import { applicationDocuments, applications } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { Deps } from '@/lib/deps';
import { checklistFor } from '@/lib/documents/checklist';
import { documentStorageKey } from '@/lib/documents/storage-key';

/** A complete construction permit, as each step's form would send it after checking. */
export const PERMIT_ANSWERS = {
  gettingStarted: { projectDescription: 'house', buildingType: 'detached', workScope: 'addition' },
  applicant: {
    applicantRole: 'owner',
    ownerName: '',
    ownerAddress: '',
    ownerPhone: '',
    ownerEmail: '',
  },
  location: {
    civicNumber: '110',
    street: 'avenue Laurier Ouest',
    unit: '',
    sitePostalCode: 'K1P 1J1',
    lot: '',
    registeredPlan: '',
  },
  workDetails: {
    workDescription: 'Agrandissement arrière',
    constructionValue: 25_000_000,
    workArea: 24.5,
    currentUse: 'Maison',
    proposedUse: 'Maison',
    dwellingUnits: 1,
  },
};

/** The declaration as the review page shows it in French. */
export const DECLARATION = {
  text: 'Je déclare que les renseignements fournis dans cette demande sont exacts et complets.',
  locale: 'fr' as const,
};

/**
 * A row for each required document of PERMIT_ANSWERS' checklist, as if uploaded and not scanned
 * (no object behind it: for tests of what the rows decide, such as submitting).
 */
export async function recordRequiredDocuments(db: Db, reference: string, now: Date) {
  const [application] = await db
    .select({ id: applications.id, userId: applications.userId })
    .from(applications)
    .where(eq(applications.reference, reference));
  if (!application) throw new Error(`no application ${reference}`);
  const items = checklistFor(CONSTRUCTION_PERMIT, PERMIT_ANSWERS).filter((d) => d.required);
  await db.insert(applicationDocuments).values(
    items.map((d) => {
      const id = randomUUID();
      return {
        id,
        applicationId: application.id,
        item: d.key,
        fileName: `${d.key}.pdf`,
        contentType: 'application/pdf',
        sizeBytes: 1024,
        storageKey: documentStorageKey(application.id, id),
        scanStatus: 'not_scanned' as const,
        uploadedAt: now,
        uploadedBy: application.userId,
      };
    }),
  );
}

/**
 * A construction permit with every step saved and its required documents recorded (unless
 * `documents: false`), ready to submit; returns its reference.
 */
export async function fillPermit(
  deps: Deps,
  userId: string,
  opts: { documents?: boolean } = {},
): Promise<string> {
  let reference: string | null = null;
  for (const [step, answers] of Object.entries(PERMIT_ANSWERS)) {
    const saved = await saveApplicationStep(deps, {
      userId,
      locale: 'fr',
      typeKey: 'constructionPermit',
      reference,
      step,
      answers,
      advance: true,
    });
    if (saved.status !== 'ok') throw new Error(saved.status);
    reference = saved.reference;
  }
  if (opts.documents !== false) await recordRequiredDocuments(deps.db, reference!, deps.now());
  return reference!;
}
