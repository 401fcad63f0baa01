import { saveApplicationStep } from '@/lib/applications/save-application-step';
import type { Deps } from '@/lib/deps';

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

/** A construction permit with every step saved, ready to submit; returns its reference. */
export async function fillPermit(deps: Deps, userId: string): Promise<string> {
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
  return reference!;
}
