'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorPanel } from '@/components/ui/error-panel';
import { notifyDone, notifyFailed } from '@/components/ui/notify';
import type { FieldErrors } from '@/components/ui/form-errors';
import { FormField } from '@/components/ui/form-field';
import { Options, Select } from '@/components/ui/input';
import { securityManagerChoicesOptions, useDeleteSecurityManager } from '@/lib/api/security-managers';
import type { SecurityManagerRow } from '@/lib/schemas/security-manager';
import { managerName } from './security-manager-format';

type DeleteSecurityManagerDialogProps = {
  orgId: string;
  /** the organization and its SCI, named in the confirmation */
  organization: { id: number; name: string; sciName: string | undefined };
  manager: SecurityManagerRow;
};

/**
 * Delete button plus its confirmation, naming the manager and offering to hand their objects to
 * another user of the same organization; a refusal stays in the dialog so the reader sees why.
 */
export function DeleteSecurityManagerDialog({ orgId, organization, manager }: DeleteSecurityManagerDialogProps) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  // No default: handing the objects on and deleting them with the manager are both deliberate.
  const [fate, setFate] = useState<'hand' | 'delete' | undefined>(undefined);
  const [heir, setHeir] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const deletion = useDeleteSecurityManager(orgId, String(manager.id));
  // Heirs are the organization's users on its SCI, in the SCI's ids (what migrateUserID takes).
  const users = useQuery({ ...securityManagerChoicesOptions(orgId), enabled: isOpen && fate === 'hand' });
  const heirs = (users.data?.users ?? []).filter((u) => u.id !== manager.id);
  const name = managerName(manager);
  const choose = (next: 'hand' | 'delete') => {
    setFate(next);
    setErrors({});
  };

  return (
    <>
      <Button
        variant="danger"
        onClick={() => {
          deletion.reset();
          setFate(undefined);
          setHeir('');
          setErrors({});
          setIsOpen(true);
        }}
      >
        Delete
      </Button>
      <ConfirmDialog
        isOpen={isOpen}
        title="Delete this security manager?"
        description={
          <>
            <strong className="font-semibold text-slate-900">{name}</strong> will be deleted from {organization.name} on {organization.sciName ?? 'its SCI'}.
            Choose what happens to the objects they own. This cannot be undone.
          </>
        }
        confirmLabel="Delete security manager"
        isPending={deletion.isPending}
        onClose={() => setIsOpen(false)}
        onConfirm={() => {
          const missing =
            fate === undefined
              ? 'Choose what happens to their objects.'
              : fate === 'hand' && heir === ''
                ? 'Choose the user who takes their objects.'
                : undefined;
          setErrors(missing ? { fate: missing } : {});
          if (missing) return;
          deletion.mutate(fate === 'hand' ? { migrateUserId: Number(heir) } : undefined, {
            onSuccess: () => {
              setIsOpen(false);
              notifyDone(`Security manager '${name}' deleted`);
              router.push(`/organizations/${encodeURIComponent(orgId)}/security-managers`);
            },
            onError: (error) => notifyFailed('The security manager was not deleted', error),
          });
        }}
      >
        <fieldset className="space-y-2" aria-describedby={errors.fate ? 'sm-fate-error' : undefined}>
          <legend className="mb-1 text-sm font-medium text-slate-800">Their objects</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="sm-fate" checked={fate === 'hand'} onChange={() => choose('hand')} className="accent-indigo-600" />
            Hand them to another user
          </label>
          {fate === 'hand' ? (
            <FormField id="sm-migrate" label="Move their objects to" hint={`Users of ${organization.name}.`}>
              {(control) => (
                <Select
                  {...control}
                  value={heir}
                  onChange={(e) => {
                    setHeir(e.target.value);
                    setErrors({});
                  }}
                >
                  <option value="">{users.isLoading ? 'Loading…' : 'Choose a user'}</option>
                  <Options options={heirs.map((u) => ({ value: String(u.id), label: managerName(u) }))} />
                </Select>
              )}
            </FormField>
          ) : null}
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="sm-fate" checked={fate === 'delete'} onChange={() => choose('delete')} className="accent-red-600" />
            Delete their objects too
          </label>
          {errors.fate ? (
            <p id="sm-fate-error" role="alert" className="text-xs font-medium text-red-700">
              {errors.fate}
            </p>
          ) : null}
        </fieldset>
        {users.error ? <ErrorPanel title="The organization's users could not be loaded" error={users.error} /> : null}
        {deletion.error ? <ErrorPanel title="The security manager was not deleted" error={deletion.error} /> : null}
      </ConfirmDialog>
    </>
  );
}
