import type { SignOutEverywhereInput, SignOutEverywhereResponse } from '@/lib/schemas/session';
import { apiFetch } from './api-fetch';

/**
 * Ends every session of a user (yourself, or anyone when you are an admin). A plain function, not a
 * mutation hook: the header's menu is on every page, which then ship without react-query's mutation
 * code. Typed, not re-parsed, for the same reason: no page ships the schema library for it.
 */
export function signOutEverywhere(input: SignOutEverywhereInput) {
  return apiFetch<SignOutEverywhereResponse>('/api/sessions/sign-out-everywhere', { method: 'POST', body: input });
}
