'use client';

import { lazy, Suspense, useState } from 'react';
import { useCurrentUser } from './current-user';
import { signOut } from './sign-out';

// Loaded on the first click, then kept mounted so closing it hands focus back to its button: the
// dialog, its mutation and error panel are not first-load code of every page.
const SignOutEverywhereDialog = lazy(() => import('./sign-out-everywhere-dialog').then((m) => ({ default: m.SignOutEverywhereDialog })));

const menuButton =
  'rounded-md border border-slate-600 px-2.5 py-1 text-sm text-slate-200 hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-400';

export function UserMenu() {
  const user = useCurrentUser();
  const [isSigningOut, setIsSigningOut] = useState(false);
  const [isConfirming, setIsConfirming] = useState(false);
  const [hasConfirmed, setHasConfirmed] = useState(false);
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
          setHasConfirmed(true);
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
      {hasConfirmed ? (
        <Suspense fallback={null}>
          <SignOutEverywhereDialog
            username={user.username}
            isOpen={isConfirming}
            isSigningOut={isSigningOut}
            onClose={() => setIsConfirming(false)}
            onSigningOut={() => setIsSigningOut(true)}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
