'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorPanel } from '@/components/ui/error-panel';
import { notifyDone, notifyFailed } from '@/components/ui/notify';
import { securityManagerChoicesOptions, useDeleteSecurityManager } from '@/lib/api/security-managers';
import type { SecurityManagerRow } from '@/lib/schemas/security-manager';
import { ObjectsFateFields, useObjectsFate } from './objects-fate-fields';
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
  const objects = useObjectsFate();
  const deletion = useDeleteSecurityManager(orgId, String(manager.id));
  // Heirs are the organization's users on its SCI, in the SCI's ids (what migrateUserID takes).
  const users = useQuery({ ...securityManagerChoicesOptions(orgId), enabled: isOpen && objects.fate === 'hand' });
  const heirs = (users.data?.users ?? []).filter((u) => u.id !== manager.id);
  const name = managerName(manager);

  return (
    <>
      <Button
        variant="danger"
        onClick={() => {
          deletion.reset();
          objects.reset();
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
          if (!objects.check()) return;
          deletion.mutate(objects.body(), {
            onSuccess: () => {
              setIsOpen(false);
              notifyDone(`Security manager '${name}' deleted`);
              router.push(`/organizations/${encodeURIComponent(orgId)}/security-managers`);
            },
            onError: (error) => notifyFailed('The security manager was not deleted', error),
          });
        }}
      >
        <ObjectsFateFields {...objects.fields} heirs={heirs} isLoadingHeirs={users.isLoading} organizationName={organization.name} />
        {users.error ? <ErrorPanel title="The organization's users could not be loaded" error={users.error} /> : null}
        {deletion.error ? <ErrorPanel title="The security manager was not deleted" error={deletion.error} /> : null}
      </ConfirmDialog>
    </>
  );
}
