import 'server-only';
import { getEnv } from './env';

/** Two years, subdomains included: the common preload-ready policy. */
export const hstsValue = 'max-age=63072000; includeSubDomains';

/**
 * Headers that depend on how ScanDeck is served (the fixed ones are in next.config.js): HSTS
 * once NEXTAUTH_URL is https, so a browser that has been here never tries plain http again.
 */
export function withSecurityHeaders<R extends Response>(res: R): R {
  if (getEnv().auth.secureCookie) res.headers.set('Strict-Transport-Security', hstsValue);
  return res;
}
