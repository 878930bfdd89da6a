import 'server-only';
import { createHmac } from 'node:crypto';
import type { AuditOutcome } from '@/lib/schemas/audit';
import type { Role } from '@/lib/schemas/common';
import { getEnv } from '../env';
import { errorMessage, logger } from '../log';
import { findUser, type UserRecord } from '../users-file';
import type { NewAuditEntry } from './store';
import { clip, unavailableCodeOf, writableStore } from './trail';

// Sign-ins on the trail, the sign-in path's job: local ones (auth.ts) and those through the
// organization's provider (auth-route.ts). Apart from the request audit, so that auth need not load
// the route wrapper's side and no import runs back to it.

export type SignInOutcome = 'success' | 'failure' | 'throttled';

const signInOutcomes: Record<SignInOutcome, { outcome: AuditOutcome; status: number }> = {
  success: { outcome: 'success', status: 200 },
  failure: { outcome: 'failed', status: 401 },
  throttled: { outcome: 'refused', status: 429 },
};

/**
 * A name typed at sign-in that matches no user may be a password typed into the wrong box, so
 * it is kept only as a short keyed hash: repeated tries of one name still group together.
 */
function unknownNameTag(username: string): string {
  return createHmac('sha256', getEnv().auth.secret).update(username).digest('hex').slice(0, 12);
}

/** Writes a sign-in event; throws when the trail cannot be written (the caller then refuses the sign-in). */
export async function recordSignIn(event: { username: string; outcome: SignInOutcome; address: string | null }): Promise<void> {
  const typed = event.username.trim();
  let user: UserRecord | undefined;
  try {
    user = typed ? await findUser(getEnv().auth.usersFile, typed) : undefined;
  } catch {
    user = undefined;
  }
  const { outcome, status } = signInOutcomes[event.outcome];
  const entry: NewAuditEntry = {
    atMs: Date.now(),
    username: user ? user.username : null,
    role: user ? user.role : null,
    action: 'sign-in',
    target: user ? {} : { unknownUser: typed ? unknownNameTag(typed) : '(empty)' },
    outcome,
    status,
    errorCode: event.outcome === 'success' ? null : event.outcome === 'throttled' ? 'too_many_requests' : 'bad_credentials',
    upstreamCode: null,
    requestIds: [],
    address: event.address ? clip(event.address) : null,
  };
  const store = await writableStore();
  // Refusals of a throttled source cost nothing to send: one row per address and minute, counted.
  if (event.outcome === 'throttled') {
    await store.appendCounted({ ...entry, username: null, role: null, target: {} }, `sign-in throttled\n${entry.address ?? ''}`);
  } else await store.append(entry);
}

/**
 * The sign-in path's one call: records the attempt and answers null once it is on the trail, or
 * why it is not (the code to refuse with). A session is only opened when it is, so no sign-in
 * goes unrecorded.
 */
export async function signInUnrecorded(
  credentials: unknown,
  outcome: SignInOutcome,
  address: string,
): Promise<'audit_unavailable' | 'store_unavailable' | null> {
  const typed =
    credentials && typeof credentials === 'object' && 'username' in credentials && typeof credentials.username === 'string'
      ? credentials.username.slice(0, 256)
      : '';
  try {
    await recordSignIn({ username: typed, outcome, address });
    return null;
  } catch (err) {
    logger().error({ error: errorMessage(err) }, 'audit: sign-in not recorded, refused');
    return unavailableCodeOf(err);
  }
}

/** A sign-in through the organization's provider, as the trail records it. */
export interface SsoSignInEvent {
  outcome: 'success' | 'refused' | 'failed';
  /** the provider's name for the user, when the provider vouched for one */
  username: string | null;
  role: Role | null;
  issuer: string;
  subject: string | null;
  /** why it did not open a session, e.g. SsoNoRole or SsoRejected */
  errorCode: string | null;
  /** what the OpenID client said, for the operator (never a token: the client's messages quote claims, not tokens) */
  reason?: string;
  /** which check failed, from a fixed list (see ssoFailedCheck) */
  check?: string;
  address: string | null;
}

const ssoStatus = { success: 200, refused: 403, failed: 401 } as const;

/**
 * Writes an SSO sign-in; throws when the trail cannot be written (the caller then refuses it).
 * A failure before the provider vouched for anyone (a stale or forged callback) names nobody and
 * can be sent in bulk, so it is one counted row per address, reason and minute.
 */
export async function recordSsoSignIn(event: SsoSignInEvent): Promise<void> {
  const target: Record<string, string> = { via: 'sso', issuer: clip(event.issuer) };
  if (event.subject) target.subject = clip(event.subject);
  if (event.check) target.check = event.check;
  if (event.reason) target.reason = clip(event.reason);
  const entry: NewAuditEntry = {
    atMs: Date.now(),
    username: event.username ? clip(event.username) : null,
    role: event.role,
    action: 'sign-in',
    target,
    outcome: event.outcome,
    status: ssoStatus[event.outcome],
    errorCode: event.errorCode,
    upstreamCode: null,
    requestIds: [],
    address: event.address ? clip(event.address) : null,
  };
  const store = await writableStore();
  if (event.subject === null) await store.appendCounted(entry, ['sso failure', event.errorCode, event.check ?? '', event.address ?? ''].join('\n'));
  else await store.append(entry);
}
