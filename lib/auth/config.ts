import type { NextAuthConfig } from 'next-auth';
import type {} from 'next-auth/jwt';
import { isRegistrationState, type RegistrationState } from '@/lib/registration/steps';
import { authSecrets } from '@/lib/security/secrets';
import { useSecureCookies, SESSION_COOKIE } from './session-cookie';
import { encodeSessionToken } from './session-token';

/**
 * The half of the Auth.js setup that middleware.ts shares with lib/auth/index.ts. The middleware
 * only answers "signed in?" from the cookie, on every page request: keep the database, argon2 and
 * server-only modules out of this file.
 */

/** Absolute session lifetime (SES-03 keeps it at 12 h; the cookie dies with it). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export { SESSION_COOKIE, useSecureCookies } from './session-cookie';

declare module 'next-auth' {
  interface User {
    sessionVersion?: number;
    registration?: RegistrationState;
    passwordChangeRequired?: boolean;
  }
  interface Session {
    /** The session version the JWT was minted with; the DAL compares it with the database. */
    sessionVersion: number;
    /** Building Code Services registration, for middleware's optimistic gate only. */
    registration: RegistrationState;
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
    /** Registration state as last read from the database (never from a client payload). */
    reg?: RegistrationState;
    /** Present (true) only while the password must be changed (PWD-09), for middleware. */
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
    // The token holds only identifiers, times, the registration step and the PWD-09 flag
    // (PRIV-04): no name, email or address. lib/auth/index.ts refreshes `reg` from the database on updates.
    jwt({ token, user }) {
      const now = Math.floor(Date.now() / 1000);
      if (user?.id) {
        return {
          sub: user.id,
          sv: user.sessionVersion ?? 0,
          authTime: now,
          seen: now,
          reg: user.registration ?? 'needs_consent',
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
        reg: token.reg,
        ...(token.pwc ? { pwc: true as const } : {}),
      };
    },
    session({ session, token }) {
      return {
        expires: session.expires,
        user: { id: token.sub ?? '' },
        sessionVersion: token.sv ?? 0,
        registration: isRegistrationState(token.reg) ? token.reg : 'needs_consent',
      };
    },
  },
} satisfies NextAuthConfig;
