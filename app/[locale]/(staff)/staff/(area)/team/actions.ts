'use server';

import { z } from 'zod';
import { formAction, type ActionContext } from '@/lib/forms/form-action';
import { createStaffMember } from '@/lib/staff/create-staff-member';
import { disableStaffMember, reenrolStaffMember } from '@/lib/staff/manage-staff-member';
import { ADMIN_ONLY } from '@/lib/staff/roles';
import { requireStaffAction } from '@/lib/staff/require-staff';
import { staffMemberSchema } from '@/lib/staff/schemas';

const admin = ({ locale }: ActionContext) => requireStaffAction(locale, ADMIN_ONLY);

/** "Ajouter": the command's domain function; the set-up link is shown once, in the answer. */
export const createStaffMemberAction = formAction(
  { schema: staffMemberSchema, load: admin },
  async (input, { locale, ip, deps, loaded }) => {
    const result = await createStaffMember(deps, input, { actorId: loaded.id, ip, locale });
    if (result.status === 'invalid') return { fieldErrors: result.fieldErrors };
    if (result.status === 'email_taken') {
      return { fieldErrors: { email: 'StaffTeamPage.errors.emailTaken' } };
    }
    return { once: { email: result.email, setupUrl: result.setupUrl } };
  },
);

const memberSchema = z.object({ staffId: z.string().max(64) });

export const disableStaffMemberAction = formAction(
  { schema: memberSchema, load: admin },
  async ({ staffId }, { ip, deps, loaded }) => {
    const result = await disableStaffMember(deps, { id: staffId }, { actorId: loaded.id, ip });
    if (result === 'self') return { formError: 'StaffMemberPage.cannotDisableSelf' };
    return { once: { done: 'disabled' } };
  },
);

export const reenrolStaffMemberAction = formAction(
  { schema: memberSchema, load: admin },
  async ({ staffId }, { locale, ip, deps, loaded }) => {
    const result = await reenrolStaffMember(
      deps,
      { id: staffId },
      { actorId: loaded.id, ip, locale },
    );
    if (result.status !== 'reenrolled') return { formError: 'Form.sessionExpired' };
    return { once: { setupUrl: result.setupUrl } };
  },
);
