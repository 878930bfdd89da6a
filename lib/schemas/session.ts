import { z } from 'zod';
import type { Role } from './common';

/** Who a request is from: a signed-in console user and their role. */
export interface ConsoleSession {
  username: string;
  role: Role;
  /** set for a user signed in through the organization's provider */
  sso?: { issuer: string; subject: string };
}

/** `POST /api/sessions/sign-out-everywhere`: every session of a user ends (yourself, or anyone for an admin). */
export const signOutEverywhereInput = z.object({
  username: z.string().trim().min(1, 'enter a username').max(64, 'at most 64 characters'),
});
export type SignOutEverywhereInput = z.infer<typeof signOutEverywhereInput>;

export const signOutEverywhereResponse = z.object({
  username: z.string(),
  /** ISO time: sessions that began before this have ended */
  signedOutAt: z.string(),
});
export type SignOutEverywhereResponse = z.infer<typeof signOutEverywhereResponse>;
