import { z } from 'zod';
import { emailError } from './email-address';
import { passwordError } from '@/lib/security/password-policy';
import { MAX_TOKEN_LENGTH } from './one-time-link';

const emailField = z.string().superRefine((value, ctx) => {
  const error = emailError(value);
  if (error) ctx.addIssue({ code: 'custom', message: `Fields.email.errors.${error}` });
});

type IssueAdder = (path: string, message: string) => void;
const issueAdder =
  (ctx: z.RefinementCtx): IssueAdder =>
  (path, message) =>
    ctx.addIssue({ code: 'custom', path: [path], message });

/** "Créez votre compte": every rule is checked here, on the server (REG-02, REG-03, PWD-01…05). */
export const createAccountSchema = z
  .object({
    email: emailField,
    emailConfirm: z.string(),
    password: z.string(),
    passwordConfirm: z.string(),
    acceptTerms: z.string().optional(),
  })
  .superRefine((input, ctx) => {
    const add = issueAdder(ctx);
    if (!input.emailConfirm.trim()) add('emailConfirm', 'Fields.emailConfirm.errors.required');
    else if (input.emailConfirm.trim().toLowerCase() !== input.email.trim().toLowerCase()) {
      add('emailConfirm', 'Fields.emailConfirm.errors.mismatch');
    }
    checkNewPassword(input, { email: input.email }, add);
    if (input.acceptTerms !== 'on' && input.acceptTerms !== 'true') {
      add('acceptTerms', 'Fields.acceptTerms.errors.required');
    }
  });

export type CreateAccountInput = z.infer<typeof createAccountSchema>;

export const loginSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Fields.email.errors.required')
    .max(254, 'Fields.email.errors.tooLong'),
  password: z
    .string()
    .min(1, 'Fields.password.errors.required')
    .max(1024, 'Fields.password.errors.tooLong'),
});

export const emailOnlySchema = z.object({ email: emailField });

export const activateSchema = z.object({
  token: z.string().max(MAX_TOKEN_LENGTH),
  password: z
    .string()
    .min(1, 'Fields.password.errors.required')
    .max(1024, 'Fields.password.errors.tooLong'),
});

/** Where the messages of the new-password rules are: "Le mot de passe…" by default. */
const PASSWORD_MESSAGES = {
  password: 'Fields.password.errors',
  passwordConfirm: 'Fields.passwordConfirm.errors',
};
/** "Changer le mot de passe" has two passwords: its errors say which ("Le nouveau mot de passe…"). */
const NEW_PASSWORD_MESSAGES = {
  password: 'SettingsPasswordPage.errors.newPassword',
  passwordConfirm: 'SettingsPasswordPage.errors.newPasswordConfirm',
};

/** The rules of a new password and its confirmation (creation, reset, change: PWD-01…05). */
function checkNewPassword(
  input: { password: string; passwordConfirm: string },
  context: { email?: string },
  add: IssueAdder,
  messages = PASSWORD_MESSAGES,
) {
  const problem = passwordError(input.password, context);
  if (problem) add('password', `${messages.password}.${problem}`);
  if (!input.passwordConfirm) add('passwordConfirm', `${messages.passwordConfirm}.required`);
  else if (input.passwordConfirm !== input.password) {
    add('passwordConfirm', `${messages.passwordConfirm}.mismatch`);
  }
}

/** A new password and its confirmation (reset): the policy of account creation. */
export function newPasswordSchema(context: { email?: string }) {
  return z
    .object({ password: z.string(), passwordConfirm: z.string() })
    .superRefine((input, ctx) => checkNewPassword(input, context, issueAdder(ctx)));
}

/** "Changer le mot de passe": the current password (SES-07), then the new one. */
export function changePasswordSchema(context: { email?: string }) {
  return z
    .object({ currentPassword: z.string(), password: z.string(), passwordConfirm: z.string() })
    .superRefine((input, ctx) => {
      const add = issueAdder(ctx);
      if (!input.currentPassword) {
        add('currentPassword', 'SettingsPasswordPage.errors.currentRequired');
      } else if (input.currentPassword.length > 1024) {
        add('currentPassword', 'SettingsPasswordPage.errors.currentInvalid');
      }
      checkNewPassword(input, context, add, NEW_PASSWORD_MESSAGES);
    });
}
