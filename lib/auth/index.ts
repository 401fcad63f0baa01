import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authenticate } from '@/lib/accounts/authenticate';
import { runtimeDeps } from '@/lib/deps';
import { clientIp } from '@/lib/security/client-ip';
import { authConfig } from './config';
import { authEvents } from './events';

/** Sign-in refusals carry a code, never prose; the page picks the words (LOG-01: one for all). */
export class InvalidCredentials extends CredentialsSignin {
  code = 'invalid';
}
export class AccountNotActivated extends CredentialsSignin {
  code = 'not_activated';
}
export class TooManyAttempts extends CredentialsSignin {
  code = 'rate_limited';
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  events: authEvents,
  logger: {
    // A refused sign-in is an expected answer, logged as a security event, not a server error.
    error(error) {
      if ((error as { type?: string }).type === 'CredentialsSignin') return;
      console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const email = typeof credentials.email === 'string' ? credentials.email : '';
        const password = typeof credentials.password === 'string' ? credentials.password : '';
        if (!email || !password || email.length > 254 || password.length > 1024) {
          throw new InvalidCredentials();
        }
        const deps = await runtimeDeps();
        const result = await authenticate(deps, {
          email,
          password,
          ip: clientIp(request.headers),
        });
        switch (result.status) {
          case 'ok':
            return {
              id: result.userId,
              sessionVersion: result.sessionVersion,
              passwordChangeRequired: result.passwordChangeRequired,
            };
          case 'not_activated':
            throw new AccountNotActivated();
          case 'rate_limited':
            throw new TooManyAttempts();
          default:
            throw new InvalidCredentials();
        }
      },
    }),
  ],
});
