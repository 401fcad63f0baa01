import { and, eq } from 'drizzle-orm';
import { absoluteUrlOf } from './urls';
import { applicationAnswers, applicationEvents, applications, users } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import { enqueueEmail } from '@/lib/email/outbox';
import type { Locale } from '@/lib/i18n/routing';
import { allocateReference } from './allocate-reference';
import { type ApplicationTypeDef, type Catalogue, APPLICATION_TYPES, findType } from './catalogue';
import { siteAddressOf } from './site-address';
import type { StepAnswers } from './step-schema';

export type SaveResult =
  | { status: 'ok'; reference: string; created: boolean; nextStep: string | null }
  | { status: 'not_found' }
  | { status: 'not_editable' };

/** The step after `stepKey` in the type's order, or null after the last. */
export function stepAfter(type: ApplicationTypeDef, stepKey: string): string | null {
  const index = type.steps.findIndex((s) => s.key === stepKey);
  return index >= 0 && index + 1 < type.steps.length ? (type.steps[index + 1]?.key ?? null) : null;
}

/**
 * "Enregistrer" and "Suivant" on a step: keeps the step's checked answers on the draft. The first
 * save creates the draft: it allocates the reference and queues the email with it and a link back,
 * in the same transaction. Another resident's reference, or one that does not exist, is
 * 'not_found'; a submitted application is 'not_editable' (its answers are a version now).
 * `advance` moves the resume point to the next step ("Suivant").
 */
export async function saveApplicationStep(
  deps: Pick<Deps, 'db' | 'now' | 'appUrl'>,
  input: {
    userId: string;
    locale: Locale;
    typeKey: string;
    /** null on the first save. */
    reference: string | null;
    step: string;
    answers: StepAnswers;
    advance: boolean;
  },
  catalogue: Catalogue = APPLICATION_TYPES,
): Promise<SaveResult> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    type Row = { id: string; reference: string; type: string; status: string };
    let application: Row | undefined;
    if (input.reference) {
      [application] = await tx
        .select({
          id: applications.id,
          reference: applications.reference,
          type: applications.type,
          status: applications.status,
        })
        .from(applications)
        .where(
          and(eq(applications.reference, input.reference), eq(applications.userId, input.userId)),
        )
        .for('update');
      if (!application) return { status: 'not_found' as const };
      if (application.status !== 'draft') return { status: 'not_editable' as const };
    }
    const type = findType(application?.type ?? input.typeKey, catalogue);
    if (!type || !type.steps.some((s) => s.key === input.step && s.kind === 'form')) {
      return { status: 'not_found' as const };
    }
    const resumeAt = input.advance ? (stepAfter(type, input.step) ?? input.step) : input.step;
    const address =
      input.step === type.addressStep ? { siteAddress: siteAddressOf(input.answers) } : {};
    let created = false;
    if (!application) {
      const reference = await allocateReference(tx, type.prefix, now.getUTCFullYear());
      const [inserted] = await tx
        .insert(applications)
        .values({
          reference,
          userId: input.userId,
          type: type.key,
          status: 'draft',
          currentStep: resumeAt,
          lastSavedAt: now,
          statusChangedAt: now,
          createdAt: now,
          ...address,
        })
        .returning({
          id: applications.id,
          reference: applications.reference,
          type: applications.type,
          status: applications.status,
        });
      if (!inserted) throw new Error('The draft was not created');
      application = inserted;
      await tx.insert(applicationEvents).values({
        applicationId: application.id,
        type: 'create',
        fromStatus: null,
        toStatus: 'draft',
        actorRole: 'resident',
        actorId: input.userId,
        occurredAt: now,
      });
      const [owner] = await tx
        .select({ email: users.email, language: users.locale })
        .from(users)
        .where(eq(users.id, input.userId));
      if (!owner) throw new Error('An application without its owner');
      const language = owner.language;
      await enqueueEmail(
        tx,
        {
          to: owner.email,
          template: 'application-started',
          locale: language,
          props: {
            reference,
            typeKey: type.key,
            resumeUrl: absoluteUrlOf(deps.appUrl, language, reference),
          },
        },
        { now: () => now },
      );
      created = true;
    } else {
      await tx
        .update(applications)
        .set({ currentStep: resumeAt, lastSavedAt: now, draftReminder: null, ...address })
        .where(eq(applications.id, application.id));
    }
    await tx
      .insert(applicationAnswers)
      .values({
        applicationId: application.id,
        step: input.step,
        answers: input.answers,
        savedAt: now,
      })
      .onConflictDoUpdate({
        target: [applicationAnswers.applicationId, applicationAnswers.step],
        set: { answers: input.answers, savedAt: now },
      });
    return {
      status: 'ok' as const,
      reference: application.reference,
      created,
      nextStep: input.advance ? stepAfter(type, input.step) : input.step,
    };
  });
}
