import { useMutation } from '@tanstack/react-query';
import { signOutEverywhereResponse, type SignOutEverywhereInput } from '@/lib/schemas/session';
import { apiFetch } from './api-fetch';

export function signOutEverywhere(input: SignOutEverywhereInput) {
  return apiFetch('/api/sessions/sign-out-everywhere', { method: 'POST', body: input, schema: signOutEverywhereResponse });
}

/** Ends every session of a user (yourself, or anyone when you are an admin). */
export function useSignOutEverywhere() {
  return useMutation({ mutationFn: signOutEverywhere });
}
