import 'server-only';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import type { Role } from '@/lib/schemas/common';
import type { OidcConfig } from './env';

/** next-auth's id of the organization's provider: its callback is /api/auth/callback/oidc. */
export const ssoProviderId = 'oidc';

/** Why a sign-in at the provider did not open a session; the login page explains each. */
export type SsoRefusal = 'SsoNoGroups' | 'SsoNoRole';
export type SsoFailure = 'SsoUnreachable' | 'SsoRejected' | 'SsoExpired' | 'SsoFailed';

/** At most this many groups are looked at: a claim is the provider's, but its size is bounded here too. */
const maxGroups = 1000;

/**
 * The role the groups claim grants: admin when any group is an admin group, else viewer when any
 * is a viewer group. A claim that is absent or not a list of names is a refusal of its own, so an
 * operator can tell "not in a group" from "the provider sends no groups".
 */
export function roleFromGroups(
  claims: Record<string, unknown>,
  oidc: Pick<OidcConfig, 'groupsClaim' | 'adminGroups' | 'viewerGroups'>,
): { role: Role } | { refusal: SsoRefusal } {
  const raw = claims[oidc.groupsClaim];
  const groups = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.slice(0, maxGroups) : null;
  if (!groups?.every((g) => typeof g === 'string')) return { refusal: 'SsoNoGroups' };
  if (groups.some((g) => oidc.adminGroups.includes(g))) return { role: 'admin' };
  if (groups.some((g) => oidc.viewerGroups.includes(g))) return { role: 'viewer' };
  return { refusal: 'SsoNoRole' };
}

/** The name ScanDeck shows for an SSO user: the provider's username, else e-mail, name, subject. */
export function ssoUsername(claims: Record<string, unknown>): string {
  for (const key of ['preferred_username', 'email', 'name', 'sub']) {
    const value = claims[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 64);
  }
  return '(unnamed)';
}

/** What `profile()` hands next-auth: the session's claims, or why there will be no session. */
export interface SsoUser {
  id: string;
  name: string;
  username: string;
  role: Role | null;
  refusal: SsoRefusal | null;
  sso: { issuer: string; subject: string };
}

/**
 * next-auth's OpenID Connect provider: authorization code with PKCE, `state` and `nonce`, the
 * provider found by discovery, and the ID token's signature, issuer, audience and nonce checked
 * by openid-client. Claims come from the ID token alone.
 */
export function ssoProvider(oidc: OidcConfig): OAuthConfig<Record<string, unknown>> {
  return {
    id: ssoProviderId,
    name: oidc.displayName,
    type: 'oauth',
    wellKnown: `${oidc.issuer}/.well-known/openid-configuration`,
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    idToken: true,
    checks: ['pkce', 'state', 'nonce'],
    authorization: { params: { scope: oidc.scopes } },
    client: { token_endpoint_auth_method: 'client_secret_basic', id_token_signed_response_alg: 'RS256' },
    httpOptions: { timeout: 10_000 },
    profile(claims): SsoUser {
      // The discovery document names the issuer openid-client checks `iss` against; it must be
      // the one configured, or a look-alike document could vouch for another provider's tokens.
      if (claims.iss !== oidc.issuer) throw new Error(`unexpected iss: the ID token's issuer is not OIDC_ISSUER`);
      const subject = typeof claims.sub === 'string' ? claims.sub.slice(0, 255) : '';
      const granted = roleFromGroups(claims, oidc);
      const username = ssoUsername(claims);
      return {
        id: subject,
        name: username,
        username,
        role: 'role' in granted ? granted.role : null,
        refusal: 'refusal' in granted ? granted.refusal : null,
        sso: { issuer: oidc.issuer, subject },
      };
    },
  };
}

/** Which check failed, from a fixed list: what the trail groups repeated failures by. */
export function ssoFailedCheck(message: string): string {
  const checks: Array<[string, RegExp]> = [
    ['unreachable', /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|ECONNRESET|timeout|socket hang up|expected 200 OK|fetch failed/i],
    ['replayed state', /state already used/i],
    ['state', /state/i],
    ['nonce', /nonce/i],
    ['pkce', /code_verifier|pkce/i],
    ['signature', /signature|no matching key|jwks|kid/i],
    ['audience', /\baud\b|audience|azp/i],
    ['issuer', /\biss\b|issuer/i],
    ['expiry', /expired|\bexp\b|\biat\b|\bnbf\b/i],
    ['code', /invalid_grant/i],
    ['provider refused', /access_denied|invalid_request|invalid_client|unauthorized_client|server_error|temporarily_unavailable/i],
  ];
  return checks.find(([, pattern]) => pattern.test(message))?.[0] ?? 'other';
}

/**
 * Sorts what went wrong in the callback into what the person can do about it: try again
 * (expired or replayed), tell the operator (the answer failed the checks), or wait (unreachable).
 */
export function classifySsoFailure(message: string): SsoFailure {
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|ECONNRESET|timeout|socket hang up|outgoing request timed out|expected 200 OK|fetch failed/i.test(message))
    return 'SsoUnreachable';
  if (/state|nonce|code_verifier|pkce|invalid_grant|expired|used/i.test(message)) return 'SsoExpired';
  if (/iss|aud|signature|jwt|alg|kid|azp|id_token|jwks/i.test(message)) return 'SsoRejected';
  return 'SsoFailed';
}
