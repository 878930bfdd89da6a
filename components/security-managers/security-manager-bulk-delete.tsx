'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dispatch, SetStateAction } from 'react';
import { BulkDelete } from '@/components/data-table/bulk-delete';
import type { Chosen } from '@/components/data-table/row-selection';
import { ErrorPanel } from '@/components/ui/error-panel';
import {
  deleteSecurityManager,
  securityManagerChoicesOptions,
  securityManagerKeys,
  selectAllSecurityManagers,
  type SecurityManagerListParams,
} from '@/lib/api/security-managers';
import { ObjectsFateFields, useObjectsFate } from './objects-fate-fields';
import { managerChosenItem } from './security-manager-format';

type SecurityManagerBulkDeleteProps = {
  orgId: string;
  /** the organization and its SCI, named in the confirmation */
  organization: { name: string; sciName: string | undefined };
  chosen: Chosen;
  onChosenChange: Dispatch<SetStateAction<Chosen>>;
  /** the table's query: "select all" resolves the same search and sort */
  params: SecurityManagerListParams;
  matching: number;
  isFiltered: boolean;
};

// The default export, as React.lazy takes it: no wrapper module on the list page to rename it.
/**
 * An organization's security managers deleted in bulk, loaded on the first selection. One choice
 * for their objects applies to every one of them, as the single delete asks it: handed to a user
 * who is not being deleted, or deleted with them.
 */
export default function SecurityManagerBulkDelete({
  orgId,
  organization,
  chosen,
  onChosenChange,
  params,
  matching,
  isFiltered,
}: SecurityManagerBulkDeleteProps) {
  const queryClient = useQueryClient();
  const objects = useObjectsFate();
  const users = useQuery({ ...securityManagerChoicesOptions(orgId), enabled: objects.fate === 'hand' });
  const heirs = (users.data?.users ?? []).filter((u) => !chosen.has(String(u.id)));
  return (
    <BulkDelete
      chosen={chosen}
      onChosenChange={onChosenChange}
      noun={{ one: 'security manager', many: 'security managers' }}
      matching={matching}
      isFiltered={isFiltered}
      selectAllMatching={async () => (await selectAllSecurityManagers(orgId, params)).items.map(managerChosenItem)}
      description={`Each is deleted from ${organization.name} on ${organization.sciName ?? 'its SCI'}. Choose what happens to the objects they own. This cannot be undone.`}
      onOpen={objects.reset}
      options={
        <>
          <ObjectsFateFields {...objects.fields} heirs={heirs} isLoadingHeirs={users.isLoading} organizationName={organization.name} />
          {users.error ? <ErrorPanel title="The organization's users could not be loaded" error={users.error} /> : null}
        </>
      }
      checkOptions={objects.check}
      deleteOne={(item) => deleteSecurityManager(orgId, item.id, objects.body())}
      onFinished={(deleted) => {
        for (const item of deleted) queryClient.removeQueries({ queryKey: securityManagerKeys.detail(orgId, item.id) });
        void queryClient.invalidateQueries({ queryKey: securityManagerKeys.all });
      }}
    />
  );
}
