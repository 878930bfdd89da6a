'use client';

import { lazy, Suspense, useRef, useState } from 'react';
import { useCurrentUser } from './current-user';

// Used on a click: its code (the mutation, the dialog's error panel) stays out of every page's first load.
const SignOutEverywhereDialog = lazy(() => import('./sign-out-everywhere-dialog').then((m) => ({ default: m.SignOutEverywhereDialog })));

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
  const everywhereButton = useRef<HTMLButtonElement>(null);
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
      <button ref={everywhereButton} type="button" disabled={isSigningOut} onClick={() => setIsConfirming(true)} className={menuButton}>
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
      {isConfirming ? (
        <Suspense fallback={null}>
          <SignOutEverywhereDialog
            username={user.username}
            isSigningOut={isSigningOut}
            onClose={() => {
              // The dialog unmounts as it closes, so focus goes back to its button by hand.
              setIsConfirming(false);
              everywhereButton.current?.focus();
            }}
            onSignedOut={() => {
              setIsSigningOut(true);
              void signOut('/login');
            }}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
