import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import { createAccountSchema } from '@/lib/accounts/schemas';

const valid = {
  email: 'jeanne@example.ca',
  emailConfirm: 'jeanne@example.ca',
  password: 'violet tambour quinze nuages',
  passwordConfirm: 'violet tambour quinze nuages',
  acceptTerms: 'on',
};

describe('createAccountSchema', () => {
  it('REG-02: refuses a form without the terms accepted, with a message in French and English', () => {
    for (const acceptTerms of [undefined, '', 'off', 'yes']) {
      const result = createAccountSchema.safeParse({ ...valid, acceptTerms });
      expect(result.success).toBe(false);
      const issue = result.error!.issues.find((i) => i.path[0] === 'acceptTerms');
      expect(issue?.message).toBe('Fields.acceptTerms.errors.required');
    }
    expect(fr.Fields.acceptTerms.errors.required).not.toBe(en.Fields.acceptTerms.errors.required);
    expect(createAccountSchema.safeParse(valid).success).toBe(true);
  });

  it('REG-03: checks both confirmations on the server', () => {
    const emailMismatch = createAccountSchema.safeParse({ ...valid, emailConfirm: 'x@example.ca' });
    expect(emailMismatch.error!.issues.map((i) => i.message)).toEqual([
      'Fields.emailConfirm.errors.mismatch',
    ]);
    const passwordMismatch = createAccountSchema.safeParse({
      ...valid,
      passwordConfirm: 'another passphrase entirely',
    });
    expect(passwordMismatch.error!.issues.map((i) => i.message)).toEqual([
      'Fields.passwordConfirm.errors.mismatch',
    ]);
  });
});
