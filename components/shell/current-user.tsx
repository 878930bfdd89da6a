'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { Role } from '@/lib/schemas/common';

export type CurrentUser = { username: string; role: Role };

const CurrentUserContext = createContext<CurrentUser | null>(null);

/**
 * Carries the signed-in user from the server layout to client components. It only decides what
 * the UI offers; the BFF checks the role again on every request.
 */
export function CurrentUserProvider({ user, children }: { user: CurrentUser; children: ReactNode }) {
  return <CurrentUserContext.Provider value={user}>{children}</CurrentUserContext.Provider>;
}

export function useCurrentUser(): CurrentUser | null {
  return useContext(CurrentUserContext);
}

export function useIsAdmin(): boolean {
  return useContext(CurrentUserContext)?.role === 'admin';
}
