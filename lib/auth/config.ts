import type { NextAuthConfig } from 'next-auth';
import type {} from 'next-auth/jwt';
import { authSecrets } from '@/lib/security/secrets';
import { useSecureCookies, SESSION_COOKIE, SESSION_MAX_AGE_SECONDS } from './session-cookie';
import { encodeSessionToken } from './session-token';

/**
 * The half of the Auth.js setup that middleware.ts shares with lib/auth/index.ts. The middleware
 * only answers "signed in?" from the cookie, on every page request: keep the database, argon2 and
 * server-only modules out of this file.
 */

export { SESSION_COOKIE, SESSION_MAX_AGE_SECONDS, useSecureCookies } from './session-cookie';

declare module 'next-auth' {
  interface User {
    sessionVersion?: number;
    passwordChangeRequired?: boolean;
  }
  interface Session {
    /** The session version the JWT was minted with; the DAL compares it with the database. */
    sessionVersion: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    /** Session version (bumped on sign-out and password change). */
    sv?: number;
    /** When the person authenticated, in seconds since the epoch (SES-03). */
    authTime?: number;
    /** Last activity, in seconds since the epoch (SES-02: idle timeout). */
    seen?: number;
    /**
     * Present (true) only when the password had to be changed (PWD-09) at sign-in: the sign-in's
     * landing page is decided from it, in the request that minted the token. Every page and
     * action decides from the database (requireUser).
     */
    pwc?: true;
  }
}

export const authConfig = {
  trustHost: true,
  // AUTH_SECRET may hold several comma-separated values to rotate: the first signs, all verify.
  secret: authSecrets(),
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  // Auth.js's own encoding; the claims of each token minted are kept for its first reads.
  jwt: { encode: encodeSessionToken },
  useSecureCookies,
  cookies: {
    sessionToken: {
      name: SESSION_COOKIE,
      options: { httpOnly: true, sameSite: 'lax', path: '/', secure: useSecureCookies },
    },
  },
  pages: { signIn: '/fr/connexion', error: '/fr/connexion' },
  providers: [],
  callbacks: {
    // The token holds only identifiers, times and the PWD-09 flag (PRIV-04): no name, email or
    // address, and no state the database holds (the registration step is read there).
    jwt({ token, user }) {
      const now = Math.floor(Date.now() / 1000);
      if (user?.id) {
        return {
          sub: user.id,
          sv: user.sessionVersion ?? 0,
          authTime: now,
          seen: now,
          ...(user.passwordChangeRequired ? { pwc: true as const } : {}),
        };
      }
      // Updates (POST /api/auth/session) never copy the client's payload into the token, and an
      // update of a session already idle or past 12 h keeps it so (the DAL refuses it).
      return {
        sub: token.sub,
        sv: token.sv,
        authTime: token.authTime,
        seen: token.seen,
        ...(token.pwc ? { pwc: true as const } : {}),
      };
    },
    session({ session, token }) {
      return {
        expires: session.expires,
        user: { id: token.sub ?? '' },
        sessionVersion: token.sv ?? 0,
      };
    },
  },
} satisfies NextAuthConfig;
