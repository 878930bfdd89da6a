'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorPanel } from '@/components/ui/error-panel';
import { notifyDone, notifyFailed } from '@/components/ui/notify';
import { useRescanScanTask } from '@/lib/api/scan-task-mutations';

type RescanDialogProps = { taskId: string } & (
  | { scope: 'failed'; failedHosts: number }
  | { scope: 'chosen'; hosts: Array<{ hostId: string; label: string }>; onDone?: () => void; isDisabled?: boolean; disabledReason?: string }
);

/**
 * Admins scan hosts of a task again: all its failed hosts (`range_type: all_failed_host`) or the
 * hosts chosen in its host table (`specific_host`). A refusal stays in the dialog with HSS's words.
 */
export function RescanDialog(props: RescanDialogProps) {
  const [isOpen, setIsOpen] = useState(false);
  const rescan = useRescanScanTask(props.taskId);
  const isChosen = props.scope === 'chosen';
  const count = isChosen ? props.hosts.length : props.failedHosts;
  const plural = count === 1 ? '' : 's';
  const names = isChosen
    ? props.hosts
        .slice(0, 5)
        .map((h) => h.label)
        .join(', ') + (props.hosts.length > 5 ? ', …' : '')
    : '';
  return (
    <>
      <Button
        disabled={isChosen && (count === 0 || props.isDisabled)}
        title={isChosen && props.isDisabled ? props.disabledReason : undefined}
        onClick={() => {
          rescan.reset();
          setIsOpen(true);
        }}
      >
        {isChosen ? `Rescan chosen hosts (${count})` : 'Rescan failed hosts'}
      </Button>
      <ConfirmDialog
        isOpen={isOpen}
        tone="primary"
        title={isChosen ? `Rescan ${count} chosen host${plural}?` : 'Rescan the failed hosts?'}
        description={
          isChosen
            ? `HSS scans ${names} again in this task. The task runs until they finish.`
            : `HSS scans the ${count} host${plural} that failed in this task again. The task runs until they finish.`
        }
        confirmLabel="Rescan"
        isPending={rescan.isPending}
        onClose={() => setIsOpen(false)}
        onConfirm={() =>
          rescan.mutate(isChosen ? { scope: 'chosen', hostIds: props.hosts.map((h) => h.hostId) } : { scope: 'failed' }, {
            onSuccess: () => {
              setIsOpen(false);
              notifyDone(`Rescan of ${count} host${plural} started`);
              if (isChosen) props.onDone?.();
            },
            onError: (error) => notifyFailed('The rescan was not started', error),
          })
        }
      >
        {rescan.error ? <ErrorPanel title="The rescan was not started" error={rescan.error} /> : null}
      </ConfirmDialog>
    </>
  );
}
