'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorPanel } from '@/components/ui/error-panel';
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
  const [heir, setHeir] = useState('');
  const deletion = useDeleteSecurityManager(orgId, String(manager.id));
  // Heirs are the organization's users on its SCI, in the SCI's ids (what migrateUserID takes).
  const users = useQuery({ ...securityManagerChoicesOptions(orgId), enabled: isOpen });
  const heirs = (users.data?.users ?? []).filter((u) => u.id !== manager.id);
  const name = managerName(manager);

  return (
    <>
      <Button
        variant="danger"
        onClick={() => {
          deletion.reset();
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
            Objects they own are deleted with them unless you hand them to another user. This cannot be undone.
          </>
        }
        confirmLabel="Delete security manager"
        isPending={deletion.isPending}
        onClose={() => setIsOpen(false)}
        onConfirm={() =>
          deletion.mutate(heir === '' ? undefined : { migrateUserId: Number(heir) }, {
            onSuccess: () => {
              setIsOpen(false);
              router.push(`/organizations/${encodeURIComponent(orgId)}/security-managers`);
            },
          })
        }
      >
        <FormField id="sm-migrate" label="Move their objects to" hint={`Users of ${organization.name}.`}>
          {(control) => (
            <Select {...control} value={heir} onChange={(e) => setHeir(e.target.value)}>
              <option value="">{users.isLoading ? 'Loading…' : 'Nobody: delete the objects too'}</option>
              <Options options={heirs.map((u) => ({ value: String(u.id), label: managerName(u) }))} />
            </Select>
          )}
        </FormField>
        {users.error ? <ErrorPanel title="The organization's users could not be loaded" error={users.error} /> : null}
        {deletion.error ? <ErrorPanel title="The security manager was not deleted" error={deletion.error} /> : null}
      </ConfirmDialog>
    </>
  );
}
