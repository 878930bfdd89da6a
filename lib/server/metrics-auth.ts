import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { getEnv } from './env';

export type MetricsAccess = 'off' | 'refused' | 'allowed';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * `Authorization: Bearer <METRICS_TOKEN>`. Both sides are hashed first, so the comparison takes
 * the same time whatever the length or the first differing character of what was sent.
 */
export function metricsAccess(authorization: string | null): MetricsAccess {
  const token = getEnv().ops.metricsToken;
  if (!token) return 'off';
  const match = /^Bearer ([\x21-\x7e]{1,1024})$/.exec(authorization ?? '');
  const sent = match?.[1] ?? '';
  const isEqual = timingSafeEqual(digest(sent), digest(token));
  return isEqual && match ? 'allowed' : 'refused';
}
