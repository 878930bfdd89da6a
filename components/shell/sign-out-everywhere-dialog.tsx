'use client';

import { useEffect } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorPanel } from '@/components/ui/error-panel';
import { useSignOutEverywhere } from '@/lib/api/sessions';
import { signOut } from './sign-out';

/** The header's "Sign out everywhere?" confirmation, loaded on the first click (user-menu.tsx). */
export function SignOutEverywhereDialog({
  username,
  isOpen,
  isSigningOut,
  onClose,
  onSigningOut,
}: {
  username: string;
  isOpen: boolean;
  isSigningOut: boolean;
  onClose: () => void;
  onSigningOut: () => void;
}) {
  const everywhere = useSignOutEverywhere();
  const { reset } = everywhere;
  // Each opening starts clean: no error left from the last try.
  useEffect(() => {
    if (isOpen) reset();
  }, [isOpen, reset]);
  return (
    <ConfirmDialog
      isOpen={isOpen}
      title="Sign out everywhere?"
      description="Every session you have open ends now: this browser, and any other browser or device you signed in from."
      confirmLabel="Sign out everywhere"
      isPending={everywhere.isPending || isSigningOut}
      onClose={onClose}
      onConfirm={() =>
        everywhere.mutate(
          { username },
          {
            onSuccess: () => {
              onSigningOut();
              void signOut('/login');
            },
          },
        )
      }
    >
      {everywhere.error ? <ErrorPanel title="Your sessions were not ended" error={everywhere.error} /> : null}
    </ConfirmDialog>
  );
}
