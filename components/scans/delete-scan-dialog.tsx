'use client';

import { listHref } from '@/components/data-table/list-return';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorPanel } from '@/components/ui/error-panel';
import { notifyDone, notifyFailed } from '@/components/ui/notify';
import { useDeleteScan } from '@/lib/api/scan-mutations';
import type { ScanRow } from '@/lib/schemas/scan';

/** Delete button plus its confirmation; a refusal stays in the dialog so the reader sees why. */
export function DeleteScanDialog({ scan }: { scan: ScanRow }) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const deletion = useDeleteScan();
  const name = scan.name || `Scan ${scan.id}`;

  return (
    <>
      <Button
        variant="danger"
        onClick={() => {
          deletion.reset();
          setIsOpen(true);
        }}
      >
        Delete scan
      </Button>
      <ConfirmDialog
        isOpen={isOpen}
        title="Delete this scan?"
        description={
          <>
            <strong className="font-semibold text-slate-900">{name}</strong> will be deleted from {scan.sci ? scan.sci.name : 'its SCI'} through Director. This
            cannot be undone.
          </>
        }
        confirmLabel="Delete scan"
        isPending={deletion.isPending}
        onClose={() => setIsOpen(false)}
        onConfirm={() =>
          deletion.mutate(String(scan.id), {
            onSuccess: () => {
              setIsOpen(false);
              notifyDone(`Scan '${name}' deleted`);
              router.push(listHref('/scans'));
            },
            onError: (error) => notifyFailed('The scan was not deleted', error),
          })
        }
      >
        {deletion.error ? <ErrorPanel title="The scan was not deleted" error={deletion.error} /> : null}
      </ConfirmDialog>
    </>
  );
}
