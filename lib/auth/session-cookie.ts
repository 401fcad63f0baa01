/**
 * `__Host-` cookies need Secure, which browsers accept only over HTTPS (and on localhost).
 * `next dev` serves plain HTTP to any browser, so it uses an unprefixed name.
 */
export const useSecureCookies = process.env.NODE_ENV === 'production';
export const SESSION_COOKIE = useSecureCookies ? '__Host-monso.session' : 'monso.session';

/** Absolute session lifetime (SES-03 keeps it at 12 h from sign-in; the cookie dies with it). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
