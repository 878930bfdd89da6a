import 'server-only';
import type { SignOutEverywhereResponse } from '@/lib/schemas/session';
import { revokeUserSessions } from './auth';
import { getEnv } from './env';
import { AppError } from './errors';
import type { ConsoleSession } from './session';
import { findUser } from './users-file';

/**
 * Ends every session `username` holds, on every browser: the mark is kept in the state store, so
 * it holds across restarts and instances. A viewer may do this to themself only.
 */
export async function signOutEverywhere(actor: ConsoleSession, username: string): Promise<SignOutEverywhereResponse> {
  const isSelf = username === actor.username;
  if (!isSelf && actor.role !== 'admin') throw new AppError(403, 'forbidden', 'Only an admin can sign out another user.');
  const user = await findUser(getEnv().auth.usersFile, username);
  if (!user) throw new AppError(404, 'not_found', `There is no user "${username}".`);
  const now = Date.now();
  try {
    await revokeUserSessions(user.username, now);
  } catch (err) {
    console.error(`[scandeck] sign out everywhere not stored: ${err instanceof Error ? err.message : 'unknown error'}`);
    throw new AppError(503, 'store_unavailable', 'The sessions could not be ended: ScanDeck cannot write its session store. Tell the operator.');
  }
  return { username: user.username, signedOutAt: new Date(now).toISOString() };
}
