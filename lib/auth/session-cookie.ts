/**
 * `__Host-` cookies need Secure, which browsers accept only over HTTPS (and on localhost).
 * `next dev` serves plain HTTP to any browser, so it uses an unprefixed name.
 */
export const useSecureCookies = process.env.NODE_ENV === 'production';
export const SESSION_COOKIE = useSecureCookies ? '__Host-monso.session' : 'monso.session';
