'use client';

import { Link } from '@/components/ui/link';
import { lazy, Suspense, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorPanel } from '@/components/ui/error-panel';
import { notifyDone, notifyFailed } from '@/components/ui/notify';
import type { FormFields } from '@/components/ui/form';
import { FormErrorSummary } from '@/components/ui/form-error-summary';
import { type FieldErrors, fieldErrorsFromDetails, fieldErrorsFromIssues } from '@/components/ui/form-errors';
import { Checkbox } from '@/components/ui/form-controls';
import { isApiError } from '@/lib/api/api-error';
import { useCreateScanTask } from '@/lib/api/scan-task-mutations';
import { vulTypeLabels, vulTypes, type VulType } from '@/lib/schemas/scan-task-fields';
import type { ChosenHost } from './host-picker';

// The host list loads when an admin chooses hosts, not with the task list it sits on (whose
// first-load JS is held to its budget).
const HostPicker = lazy(() => import('./host-picker').then((m) => ({ default: m.HostPicker })));

/** The dialog's questions in order, for the error summary's links (the host picker's is its message, below the picker). */
const fields: FormFields = {
  vulTypes: { id: `vul-type-${vulTypes[0]}`, label: 'Vulnerability types' },
  agentIds: { id: 'agent-ids-error', label: 'Hosts' },
};

/** Admins start a manual HSS scan; the choices stay when HSS or the form refuses them. */
export function StartScanDialog() {
  const [isOpen, setIsOpen] = useState(false);
  const [chosenTypes, setChosenTypes] = useState<VulType[]>(['linux_vul', 'windows_vul']);
  const [scope, setScope] = useState<'all' | 'chosen'>('all');
  const [chosenHosts, setChosenHosts] = useState<ChosenHost[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [startedId, setStartedId] = useState<string | undefined>();
  const creation = useCreateScanTask();
  const shown: FieldErrors = { ...(isApiError(creation.error) ? fieldErrorsFromDetails(creation.error.details) : {}), ...errors };

  async function submit() {
    const input = { vulTypes: chosenTypes, scope, agentIds: scope === 'chosen' ? chosenHosts.map((h) => h.agentId) : [] };
    // The schema (and zod with it) loads when an admin starts a scan, not with the task list.
    const { createScanTaskInput } = await import('@/lib/schemas/scan-task');
    const parsed = createScanTaskInput.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    setErrors({});
    creation.mutate(input, {
      onSuccess: (created) => {
        setStartedId(created.taskId ?? '');
        setIsOpen(false);
        notifyDone('Manual scan started');
      },
      onError: (error) => notifyFailed('The scan was not started', error),
    });
  }

  return (
    <>
      {startedId !== undefined ? (
        <p role="status" className="text-sm text-emerald-700">
          Scan started.{' '}
          {startedId ? (
            <Link className="font-medium underline" href={`/scan-tasks/${encodeURIComponent(startedId)}`}>
              Watch it
            </Link>
          ) : null}
        </p>
      ) : null}
      <Button
        variant="primary"
        onClick={() => {
          creation.reset();
          setErrors({});
          setIsOpen(true);
        }}
      >
        Start manual scan
      </Button>
      <ConfirmDialog
        isOpen={isOpen}
        tone="primary"
        title="Start a manual vulnerability scan?"
        description="HSS scans the chosen hosts for the chosen vulnerability types. Scans use agent resources on every host they reach."
        confirmLabel="Start scan"
        size={scope === 'chosen' ? 'lg' : 'md'}
        isPending={creation.isPending}
        onClose={() => setIsOpen(false)}
        onConfirm={() => void submit()}
      >
        <div className="space-y-4">
          <FormErrorSummary id="start-scan-errors" errors={shown} fields={fields} />
          <fieldset aria-describedby={shown.vulTypes ? 'vul-types-error' : undefined}>
            <legend className="mb-1.5 text-sm font-medium text-slate-800">Vulnerability types</legend>
            <div className="grid grid-cols-2 gap-1.5">
              {vulTypes.map((type) => (
                <Checkbox
                  key={type}
                  id={`vul-type-${type}`}
                  label={vulTypeLabels[type]}
                  checked={chosenTypes.includes(type)}
                  onChange={(event) => {
                    setChosenTypes((current) => (event.target.checked ? [...current, type] : current.filter((t) => t !== type)));
                    // The refusal was about the choice as it stood; submit checks the new one again.
                    setErrors(({ vulTypes: _stale, ...rest }) => rest);
                  }}
                />
              ))}
            </div>
            {shown.vulTypes ? (
              <p id="vul-types-error" className="mt-1 text-xs font-medium text-red-700">
                {shown.vulTypes}
              </p>
            ) : null}
          </fieldset>
          <fieldset>
            <legend className="mb-1.5 text-sm font-medium text-slate-800">Hosts</legend>
            <div className="flex gap-4 text-sm">
              <label className="flex items-center gap-1.5">
                <input type="radio" name="scan-scope" checked={scope === 'all'} onChange={() => setScope('all')} className="accent-indigo-600" />
                All hosts
              </label>
              <label className="flex items-center gap-1.5">
                <input type="radio" name="scan-scope" checked={scope === 'chosen'} onChange={() => setScope('chosen')} className="accent-indigo-600" />
                Chosen hosts
              </label>
            </div>
          </fieldset>
          {scope === 'chosen' ? (
            <Suspense fallback={<p className="text-sm text-slate-600">Loading hosts…</p>}>
              <HostPicker
                chosen={chosenHosts}
                onChange={(hosts) => {
                  setChosenHosts(hosts);
                  setErrors(({ agentIds: _stale, ...rest }) => rest);
                }}
                error={shown.agentIds}
              />
            </Suspense>
          ) : null}
          {creation.error ? <ErrorPanel title="The scan was not started" error={creation.error} /> : null}
        </div>
      </ConfirmDialog>
    </>
  );
}
