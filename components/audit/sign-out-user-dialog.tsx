'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorPanel } from '@/components/ui/error-panel';
import { type FieldErrors, fieldErrorsFromDetails } from '@/components/ui/form-errors';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { isApiError } from '@/lib/api/api-error';
import { signOutEverywhere } from '@/lib/api/sessions';

/** For admins: end every session of a user, e.g. one whose laptop was lost or whose role changed. */
export function SignOutUserDialog() {
  const [isOpen, setIsOpen] = useState(false);
  const [username, setUsername] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string | null>(null);
  // A plain request rather than react-query's mutation, whose code no other part of this page needs.
  const [isPending, setIsPending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  // The server's refusal of the name (its 400 details) lands at the field, like every form's.
  const shown: FieldErrors = { ...(isApiError(failure) ? fieldErrorsFromDetails(failure.details) : {}), ...errors };

  function confirm() {
    const name = username.trim();
    if (name === '') {
      setErrors({ username: 'Enter the username to sign out' });
      return;
    }
    setIsPending(true);
    setFailure(null);
    signOutEverywhere({ username: name }).then(
      (result) => {
        setIsPending(false);
        setIsOpen(false);
        setDone(`Every session of ${result.username} has ended.`);
      },
      (error: unknown) => {
        setIsPending(false);
        setFailure(error);
      },
    );
  }

  return (
    <div className="flex items-center gap-3">
      {done ? (
        <p role="status" className="text-sm text-emerald-800">
          {done}
        </p>
      ) : null}
      <Button
        onClick={() => {
          setFailure(null);
          setUsername('');
          setErrors({});
          setDone(null);
          setIsOpen(true);
        }}
      >
        Sign out a user everywhere…
      </Button>
      <ConfirmDialog
        isOpen={isOpen}
        title="Sign out a user everywhere"
        description="Every session the user has open, in every browser, ends now and is recorded on the trail. They can sign in again with their password."
        confirmLabel="Sign out everywhere"
        isPending={isPending}
        onClose={() => setIsOpen(false)}
        onConfirm={confirm}
      >
        <FormField id="sign-out-username" label="Username" error={shown.username} isRequired>
          {(control) => (
            <Input
              {...control}
              autoComplete="off"
              maxLength={64}
              value={username}
              onChange={(event) => {
                setUsername(event.target.value);
                setErrors({});
              }}
            />
          )}
        </FormField>
        {failure ? <ErrorPanel title="Nobody was signed out" error={failure} /> : null}
      </ConfirmDialog>
    </div>
  );
}
