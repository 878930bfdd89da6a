import 'server-only';
import { errorMessage, logger } from './log';
import type { SignOutEverywhereResponse } from '@/lib/schemas/session';
import { revocationKey, revokeUserSessions } from './auth';
import { getEnv } from './env';
import { AppError } from './errors';
import type { ConsoleSession } from '@/lib/schemas/session';
import { findUser } from './users-file';

/**
 * Ends every session `username` holds, on every browser: the mark is kept in the state store, so
 * it holds across restarts and instances. A viewer may do this to themself only. An admin naming
 * someone else ends both the local user's sessions and those of the SSO user of that name (SSO
 * users are listed nowhere, so with SSO set up an unknown name is not an error).
 */
export async function signOutEverywhere(actor: ConsoleSession, username: string): Promise<SignOutEverywhereResponse> {
  const isSelf = username === actor.username;
  if (!isSelf && actor.role !== 'admin') throw new AppError(403, 'forbidden', 'Only an admin can sign out another user.');
  const { auth, oidc } = getEnv();
  const keys = new Set<string>();
  if (isSelf) keys.add(revocationKey(actor));
  else {
    const user = await findUser(auth.usersFile, username);
    if (user) keys.add(user.username);
    if (oidc) keys.add(revocationKey({ username, sso: { issuer: oidc.issuer, subject: '' } }));
    if (keys.size === 0) throw new AppError(404, 'not_found', `There is no user "${username}".`);
  }
  const now = Date.now();
  try {
    for (const key of keys) await revokeUserSessions(key, now);
  } catch (err) {
    logger().error({ event: 'store_error', error: errorMessage(err) }, 'sign out everywhere not stored');
    throw new AppError(503, 'store_unavailable', 'The sessions could not be ended: ScanDeck cannot write its session store. Tell the operator.');
  }
  return { username, signedOutAt: new Date(now).toISOString() };
}
