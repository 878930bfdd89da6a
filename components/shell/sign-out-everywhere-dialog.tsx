'use client';

import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorPanel } from '@/components/ui/error-panel';
import { useSignOutEverywhere } from '@/lib/api/sessions';

/** The header's "Sign out everywhere?" confirmation, loaded when it is asked for (user-menu.tsx). */
export function SignOutEverywhereDialog({
  username,
  isSigningOut,
  onClose,
  onSignedOut,
}: {
  username: string;
  isSigningOut: boolean;
  onClose: () => void;
  onSignedOut: () => void;
}) {
  const everywhere = useSignOutEverywhere();
  return (
    <ConfirmDialog
      isOpen
      title="Sign out everywhere?"
      description="Every session you have open ends now: this browser, and any other browser or device you signed in from."
      confirmLabel="Sign out everywhere"
      isPending={everywhere.isPending || isSigningOut}
      onClose={onClose}
      onConfirm={() => everywhere.mutate({ username }, { onSuccess: onSignedOut })}
    >
      {everywhere.error ? <ErrorPanel title="Your sessions were not ended" error={everywhere.error} /> : null}
    </ConfirmDialog>
  );
}
