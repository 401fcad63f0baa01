import { z } from 'zod';
import { emailError } from '@/lib/accounts/email-address';
import { hasHiddenCharacters } from '@/lib/forms/hidden-characters';
import { STAFF_ROLES } from './roles';

/**
 * A new staff member, from the command or the team screen: the same rules, as message keys
 * (the command prints the English text of each).
 */
export const staffMemberSchema = z.object({
  email: z.string().superRefine((value, ctx) => {
    const error = emailError(value);
    if (error) ctx.addIssue({ code: 'custom', message: `Fields.email.errors.${error}` });
  }),
  name: z
    .string()
    .trim()
    .min(1, 'StaffTeamPage.fields.name.errors.required')
    .max(100, 'StaffTeamPage.fields.name.errors.tooLong')
    .refine((v) => !hasHiddenCharacters(v), 'StaffTeamPage.fields.name.errors.characters'),
  role: z.enum(STAFF_ROLES, { message: 'StaffTeamPage.fields.role.errors.required' }),
});
export type StaffMemberInput = z.input<typeof staffMemberSchema>;

/** The sign-in form: each field required, and no more; which factor failed is never said. */
export const staffSignInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'StaffLoginPage.errors.emailRequired')
    .max(254, 'StaffLoginPage.errors.emailRequired'),
  password: z
    .string()
    .min(1, 'StaffLoginPage.errors.passwordRequired')
    .max(1024, 'Fields.password.errors.tooLong'),
  code: z
    .string()
    .trim()
    .min(1, 'StaffLoginPage.errors.codeRequired')
    .max(64, 'StaffLoginPage.errors.codeRequired'),
});

/** The first code, confirming the enrolment. */
export const totpConfirmSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'StaffTwoFactorPage.errors.codeRequired')
    .regex(/^[\d\s]{6,8}$/, 'StaffTwoFactorPage.errors.codeFormat'),
});
