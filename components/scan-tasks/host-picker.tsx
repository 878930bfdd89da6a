'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DataTableSearch } from '@/components/data-table/data-table-search';
import { Button } from '@/components/ui/button';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Select } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { UnreadableNotice } from '@/components/ui/unreadable-notice';
import { VendorValueBadge, type KnownValues } from '@/components/ui/vendor-value-badge';
import { hssHostsOptions } from '@/lib/api/scan-tasks';
import type { HssHost } from '@/lib/schemas/scan-task';
import { agentStatuses, type AgentStatus } from '@/lib/schemas/scan-task-fields';

/** What the picker keeps of a chosen host: enough to name it after it scrolls out of the page. */
export type ChosenHost = { agentId: string; label: string };

export const maxChosenHosts = 200;

const knownAgentStatuses = {
  online: { label: 'Online', tone: 'success' },
  offline: { label: 'Offline', tone: 'warning' },
  not_installed: { label: 'No agent', tone: 'neutral' },
  install_failed: { label: 'Install failed', tone: 'danger' },
  installing: { label: 'Installing', tone: 'accent' },
} as const satisfies KnownValues;

const pageSize = 10;

function hostLabel(host: HssHost): string {
  return host.hostName || host.privateIp || host.hostId;
}

/**
 * Chooses the hosts of a manual scan from HSS's host list: search by name or address, filter by
 * agent status, page through. HSS scans agents, so a host without an agent cannot be chosen; an
 * offline agent can, with a warning, since HSS reports such a host as failed.
 */
export function HostPicker({
  chosen,
  onChange,
  error,
}: {
  chosen: ChosenHost[];
  onChange: (next: ChosenHost[]) => void;
  error: string | undefined;
}) {
  const [q, setQ] = useState('');
  const [agentStatus, setAgentStatus] = useState<AgentStatus | undefined>('online');
  const [page, setPage] = useState(1);
  const hosts = useQuery(hssHostsOptions({ page, pageSize, q: q || undefined, agentStatus }));
  const chosenIds = new Set(chosen.map((c) => c.agentId));
  const total = hosts.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const isFull = chosen.length >= maxChosenHosts;

  function toggle(host: HssHost, isOn: boolean) {
    const agentId = host.agentId;
    if (!agentId) return;
    onChange(isOn ? [...chosen, { agentId, label: hostLabel(host) }] : chosen.filter((c) => c.agentId !== agentId));
  }

  return (
    <div className="space-y-2" data-testid="host-picker">
      <div className="flex flex-wrap items-center gap-2">
        <DataTableSearch
          label="Search hosts"
          placeholder="Host name or IP address"
          value={q}
          onSearch={(next) => {
            setQ(next);
            setPage(1);
          }}
        />
        <Select
          aria-label="Agent status"
          className="w-40"
          value={agentStatus ?? ''}
          onChange={(event) => {
            setAgentStatus(agentStatuses.find((s) => s === event.target.value));
            setPage(1);
          }}
        >
          <option value="">Any agent status</option>
          {agentStatuses.map((s) => (
            <option key={s} value={s}>
              {knownAgentStatuses[s].label}
            </option>
          ))}
        </Select>
        <span className="ml-auto text-xs text-slate-600" role="status" data-testid="chosen-count">
          {chosen.length} of at most {maxChosenHosts} chosen
        </span>
      </div>
      {hosts.error ? <ErrorPanel title="Could not load HSS's hosts" error={hosts.error} onRetry={() => void hosts.refetch()} /> : null}
      <div className="max-h-72 overflow-y-auto rounded-md border border-slate-200">
        <table aria-label="HSS hosts" aria-busy={hosts.isFetching || undefined} className="w-full text-sm">
          <thead className="sticky top-0 bg-slate-50 text-left text-xs text-slate-600 uppercase">
            <tr>
              <th scope="col" className="w-8 px-2 py-1.5">
                <span className="sr-only">Choose</span>
              </th>
              <th scope="col" className="px-2 py-1.5">Host</th>
              <th scope="col" className="px-2 py-1.5">IP addresses</th>
              <th scope="col" className="px-2 py-1.5">OS</th>
              <th scope="col" className="px-2 py-1.5">Agent</th>
            </tr>
          </thead>
          <tbody>
            {hosts.isLoading ? (
              Array.from({ length: 4 }, (_, i) => (
                <tr key={i}>
                  <td colSpan={5} className="px-2 py-2">
                    <Skeleton className="h-4 w-full" />
                  </td>
                </tr>
              ))
            ) : (hosts.data?.items.length ?? 0) === 0 ? (
              <tr>
                <td colSpan={5} className="px-2 py-6 text-center text-slate-500">
                  No host matches.
                </td>
              </tr>
            ) : (
              hosts.data?.items.map((host) => {
                const isChosen = host.agentId !== undefined && chosenIds.has(host.agentId);
                const reason = !host.agentId ? 'No agent to scan with' : host.agentStatus !== 'online' ? 'The agent is not online; HSS may report this host as failed' : undefined;
                return (
                  <tr key={host.hostId} className="border-t border-slate-100">
                    <td className="px-2 py-1.5">
                      <input
                        type="checkbox"
                        className="accent-indigo-600"
                        aria-label={`Choose ${hostLabel(host)}`}
                        checked={isChosen}
                        disabled={!host.agentId || (isFull && !isChosen)}
                        title={reason}
                        onChange={(event) => toggle(host, event.target.checked)}
                      />
                    </td>
                    <td className="px-2 py-1.5">
                      <span className="font-medium">{host.hostName || '—'}</span>
                      <span className="block font-mono text-xs text-slate-500">{host.agentId ? `agent ${host.agentId.slice(0, 12)}…` : 'no agent'}</span>
                    </td>
                    <td className="px-2 py-1.5 font-mono text-xs">
                      {host.privateIp || '—'}
                      {host.publicIp ? <span className="block text-slate-500">{host.publicIp}</span> : null}
                    </td>
                    <td className="px-2 py-1.5 text-xs">{host.osType || '—'}</td>
                    <td className="px-2 py-1.5">
                      <VendorValueBadge value={host.agentStatus} known={knownAgentStatuses} vendor="HSS" />
                    </td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      <UnreadableNotice unreadable={hosts.data?.unreadable} what="host" />
      <div className="flex items-center justify-between text-xs text-slate-600">
        <span>
          {total} host{total === 1 ? '' : 's'} · page {page} of {pages}
        </span>
        <span className="flex gap-1">
          <Button size="sm" variant="secondary" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            Previous
          </Button>
          <Button size="sm" variant="secondary" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
            Next
          </Button>
        </span>
      </div>
      {chosen.length > 0 ? (
        <ul aria-label="Chosen hosts" className="flex flex-wrap gap-1">
          {chosen.map((c) => (
            <li key={c.agentId} className="inline-flex items-center gap-1 rounded bg-indigo-50 px-1.5 py-0.5 text-xs text-indigo-800">
              {c.label}
              <button
                type="button"
                className="text-indigo-500 hover:text-indigo-900"
                aria-label={`Remove ${c.label}`}
                onClick={() => onChange(chosen.filter((x) => x.agentId !== c.agentId))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p id="agent-ids-error" className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
