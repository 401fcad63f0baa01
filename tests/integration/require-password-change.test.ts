import { describe, expect, it } from 'vitest';
import { changePassword } from '@/lib/accounts/change-password';
import { requestPasswordReset } from '@/lib/accounts/request-password-reset';
import { requirePasswordChange } from '@/lib/accounts/require-password-change';
import { resetPassword } from '@/lib/accounts/reset-password';
import type { TestDb } from '../helpers/db';
import { withFreshDatabase } from '../helpers/fresh-database';
import {
  GOOD_PASSWORD,
  activatedAccount,
  latestResetToken,
  nextIp,
  testDeps,
  userByEmail,
} from '../helpers/accounts';

let t: TestDb;
let deps: ReturnType<typeof testDeps>;

withFreshDatabase((db, d) => {
  t = db;
  deps = d;
});

describe('requirePasswordChange', () => {
  it('PWD-09: flags the account (any letter case) until a password change clears it', async () => {
    await activatedAccount(deps, 'flagged@example.ca');
    expect(await requirePasswordChange(deps, ' Flagged@Example.ca')).toBe(true);
    const user = (await userByEmail(t.db, 'flagged@example.ca'))!;
    expect(user.passwordChangeRequired).toBe(true);
    expect(
      await changePassword(deps, {
        userId: user.id,
        currentPassword: GOOD_PASSWORD,
        newPassword: 'quatre chevaux bleus sous la neige',
        ip: nextIp(),
      }),
    ).toBe('changed');
    expect((await userByEmail(t.db, 'flagged@example.ca'))!.passwordChangeRequired).toBe(false);
  });

  it('PWD-09: a password reset clears the flag too', async () => {
    await activatedAccount(deps, 'reset-flag@example.ca');
    await requirePasswordChange(deps, 'reset-flag@example.ca');
    await requestPasswordReset(deps, {
      email: 'reset-flag@example.ca',
      locale: 'fr',
      ip: nextIp(),
    });
    await resetPassword(deps, {
      token: await latestResetToken(t.db, 'reset-flag@example.ca'),
      password: 'quatre chevaux bleus sous la neige',
      ip: nextIp(),
    });
    expect((await userByEmail(t.db, 'reset-flag@example.ca'))!.passwordChangeRequired).toBe(false);
  });

  it('says when no account uses the address', async () => {
    expect(await requirePasswordChange(deps, 'nobody@example.ca')).toBe(false);
  });
});
