import { signOutEverywhereInput, type SignOutEverywhereResponse } from '@/lib/schemas/session';
import { signOutEverywhere } from '@/lib/server/sessions';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

/** Anyone signed in may end all their own sessions; only an admin may end someone else's. */
export const POST = route({ role: 'viewer', body: signOutEverywhereInput }, async ({ session, body }) => {
  const result: SignOutEverywhereResponse = await signOutEverywhere(session, body.username);
  return result;
});
