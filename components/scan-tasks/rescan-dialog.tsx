'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorPanel } from '@/components/ui/error-panel';
import { useRescanScanTask } from '@/lib/api/scan-tasks';

/** Admins scan a task's failed hosts again; a refusal stays in the dialog with HSS's own words. */
export function RescanDialog({ taskId, failedHosts }: { taskId: string; failedHosts: number }) {
  const [isOpen, setIsOpen] = useState(false);
  const rescan = useRescanScanTask(taskId);
  return (
    <>
      <Button
        onClick={() => {
          rescan.reset();
          setIsOpen(true);
        }}
      >
        Rescan failed hosts
      </Button>
      <ConfirmDialog
        isOpen={isOpen}
        tone="primary"
        title="Rescan the failed hosts?"
        description={`HSS scans the ${failedHosts} host${failedHosts === 1 ? '' : 's'} that failed in this task again. The task runs until they finish.`}
        confirmLabel="Rescan"
        isPending={rescan.isPending}
        onClose={() => setIsOpen(false)}
        onConfirm={() => rescan.mutate({ scope: 'failed' }, { onSuccess: () => setIsOpen(false) })}
      >
        {rescan.error ? <ErrorPanel title="The rescan was not started" error={rescan.error} /> : null}
      </ConfirmDialog>
    </>
  );
}
