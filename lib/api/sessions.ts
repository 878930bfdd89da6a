import { useMutation } from '@tanstack/react-query';
import type { SignOutEverywhereInput, SignOutEverywhereResponse } from '@/lib/schemas/session';
import { apiFetch } from './api-fetch';

export function signOutEverywhere(input: SignOutEverywhereInput) {
  // Typed, not re-parsed: the header's menu is on every page, which ship without the schema library.
  return apiFetch<SignOutEverywhereResponse>('/api/sessions/sign-out-everywhere', { method: 'POST', body: input });
}

/** Ends every session of a user (yourself, or anyone when you are an admin). */
export function useSignOutEverywhere() {
  return useMutation({ mutationFn: signOutEverywhere });
}
