'use client';

import { useQueryClient } from '@tanstack/react-query';
import type { Dispatch, SetStateAction } from 'react';
import { BulkDelete } from '@/components/data-table/bulk-delete';
import type { Chosen } from '@/components/data-table/row-selection';
import { deleteScan, selectAllScans } from '@/lib/api/scan-mutations';
import { scanKeys, type ScanListParams } from '@/lib/api/scans';
import { scanChosenItem } from './scan-format';

type ScanBulkDeleteProps = {
  chosen: Chosen;
  onChosenChange: Dispatch<SetStateAction<Chosen>>;
  /** the table's query: "select all" resolves the same filters, search and sort */
  params: ScanListParams;
  matching: number;
  isFiltered: boolean;
};

// The default export, as React.lazy takes it: no wrapper module on the list page to rename it.
/** The scans list's bulk bar and deletion, loaded on the first selection. */
export default function ScanBulkDelete({ chosen, onChosenChange, params, matching, isFiltered }: ScanBulkDeleteProps) {
  const queryClient = useQueryClient();
  return (
    <BulkDelete
      chosen={chosen}
      onChosenChange={onChosenChange}
      noun={{ one: 'scan', many: 'scans' }}
      matching={matching}
      isFiltered={isFiltered}
      selectAllMatching={async () => (await selectAllScans(params)).items.map(scanChosenItem)}
      description="Each is deleted from its SCI through Director. This cannot be undone."
      deleteOne={(item) => deleteScan(item.id)}
      onFinished={(deleted) => {
        for (const item of deleted) queryClient.removeQueries({ queryKey: scanKeys.detail(item.id) });
        void queryClient.invalidateQueries({ queryKey: scanKeys.lists() });
      }}
    />
  );
}
