'use client';

import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorPanel } from '@/components/ui/error-panel';
import { signOutEverywhere } from '@/lib/api/sessions';
import { useCurrentUser } from './current-user';

/**
 * next-auth's sign-out as two plain requests (its CSRF token, then the POST that ends the session),
 * so every console page does not ship next-auth's client library for one button.
 */
async function signOut(callbackUrl: string): Promise<void> {
  try {
    const csrf = (await (await fetch('/api/auth/csrf', { cache: 'no-store' })).json()) as { csrfToken?: unknown };
    if (typeof csrf.csrfToken === 'string') {
      await fetch('/api/auth/signout', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Auth-Return-Redirect': '1' },
        body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl, json: 'true' }),
      });
    }
  } finally {
    // Whatever happened, leave the console: the login page shows whether the session is still there.
    window.location.href = callbackUrl;
  }
}

const menuButton =
  'rounded-md border border-slate-600 px-2.5 py-1 text-sm text-slate-200 hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-400';

export function UserMenu() {
  const user = useCurrentUser();
  const [isSigningOut, setIsSigningOut] = useState(false);
  const [isConfirming, setIsConfirming] = useState(false);
  const [isEndingSessions, setIsEndingSessions] = useState(false);
  const [everywhereError, setEverywhereError] = useState<unknown>(null);
  if (!user) return null;
  return (
    <div className="flex items-center gap-3 text-sm">
      <span className="flex items-center gap-2 text-slate-200" data-testid="current-user">
        <span className="font-medium">{user.username}</span>
        <span
          className={
            user.role === 'admin'
              ? 'rounded-full bg-indigo-500/20 px-2 py-0.5 text-xs font-medium text-indigo-200 ring-1 ring-indigo-400/40'
              : 'rounded-full bg-slate-700 px-2 py-0.5 text-xs font-medium text-slate-200 ring-1 ring-slate-500/50'
          }
          data-testid="current-role"
        >
          {user.role === 'admin' ? 'Admin' : 'Viewer'}
        </span>
      </span>
      <button
        type="button"
        disabled={isSigningOut}
        onClick={() => {
          setEverywhereError(null);
          setIsConfirming(true);
        }}
        className={menuButton}
      >
        Sign out everywhere
      </button>
      <button
        type="button"
        disabled={isSigningOut}
        onClick={() => {
          setIsSigningOut(true);
          void signOut('/login');
        }}
        className={menuButton}
      >
        {isSigningOut ? 'Signing out…' : 'Sign out'}
      </button>
      <ConfirmDialog
        isOpen={isConfirming}
        title="Sign out everywhere?"
        description="Every session you have open ends now: this browser, and any other browser or device you signed in from."
        confirmLabel="Sign out everywhere"
        isPending={isEndingSessions || isSigningOut}
        onClose={() => setIsConfirming(false)}
        onConfirm={() => {
          setIsEndingSessions(true);
          setEverywhereError(null);
          signOutEverywhere({ username: user.username }).then(
            () => {
              setIsSigningOut(true);
              void signOut('/login');
            },
            (error: unknown) => {
              setIsEndingSessions(false);
              setEverywhereError(error);
            },
          );
        }}
      >
        {everywhereError ? <ErrorPanel title="Your sessions were not ended" error={everywhereError} /> : null}
      </ConfirmDialog>
    </div>
  );
}
