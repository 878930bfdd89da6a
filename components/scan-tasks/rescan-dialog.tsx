'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorPanel } from '@/components/ui/error-panel';
import { notifyDone, notifyFailed } from '@/components/ui/notify';
import { rescanScanTask } from '@/lib/api/scan-task-mutations';
import { scanTaskKeys } from '@/lib/api/scan-tasks';

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
  const queryClient = useQueryClient();
  const [isPending, setIsPending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
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
          setFailure(null);
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
        isPending={isPending}
        onClose={() => setIsOpen(false)}
        onConfirm={() => {
          setIsPending(true);
          setFailure(null);
          rescanScanTask(props.taskId, isChosen ? { scope: 'chosen', hostIds: props.hosts.map((h) => h.hostId) } : { scope: 'failed' }).then(
            () => {
              setIsPending(false);
              setIsOpen(false);
              void queryClient.invalidateQueries({ queryKey: scanTaskKeys.all });
              notifyDone(`Rescan of ${count} host${plural} started`);
              if (isChosen) props.onDone?.();
            },
            (error: unknown) => {
              setIsPending(false);
              setFailure(error);
              notifyFailed('The rescan was not started', error);
            },
          );
        }}
      >
        {failure ? <ErrorPanel title="The rescan was not started" error={failure} /> : null}
      </ConfirmDialog>
    </>
  );
}
