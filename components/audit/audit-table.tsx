'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { DataTableExport } from '@/components/data-table/data-table-export';
import { DataTableFilter } from '@/components/data-table/data-table-filter';
import { DataTableSearch } from '@/components/data-table/data-table-search';
import { DataTableToolbar } from '@/components/data-table/data-table-toolbar';
import { DataTableViewOptions } from '@/components/data-table/data-table-view-options';
import { DataTableViews } from '@/components/data-table/data-table-views';
import { type ListStateConfig, withColumnChoice } from '@/components/data-table/list-state';
import { useDataTable } from '@/components/data-table/use-data-table';
import { useListState } from '@/components/data-table/use-list-state';
import { EmptyState } from '@/components/ui/empty-state';
import { ZonedDateTimeInput } from '@/components/ui/zoned-date-time-input';
import { useTimeZone } from '@/components/shell/time-zone';
import { auditExportHref, auditListOptions, type AuditFilterParams } from '@/lib/api/audit';
import type { AuditEvent } from '@/lib/schemas/audit';
import { auditOutcomes, auditSortFields, type AuditOutcome } from '@/lib/schemas/audit-fields';
import { getAuditColumns } from './audit-columns';
import { auditColumnIds, defaultAuditColumns, outcomeLabels } from './audit-format';

const listConfig: ListStateConfig = {
  filterKeys: ['from', 'to', 'user', 'action', 'outcome'],
  sortable: auditSortFields,
  columnIds: auditColumnIds.filter((id) => id !== 'time'),
  defaultColumns: defaultAuditColumns.filter((id) => id !== 'time'),
};

const columns = getAuditColumns();
const noRows: AuditEvent[] = [];
const getRowId = (row: AuditEvent) => String(row.id);

const isOutcome = (value: string | undefined): value is AuditOutcome => (auditOutcomes as readonly string[]).includes(value ?? '');

/** One end of the time range, in the reader's zone; the URL keeps it as an instant (ISO). */
function TimeInput({
  label,
  value,
  edge,
  zone,
  onChange,
}: {
  label: string;
  value: string | undefined;
  edge: 'from' | 'to';
  zone: string | null;
  onChange: (v: string | undefined) => void;
}) {
  const instant = value ? Date.parse(value) : Number.NaN;
  return (
    <label className="flex items-center gap-1.5 text-sm text-slate-600">
      <span>{label}</span>
      <ZonedDateTimeInput
        aria-label={zone ? `${label} (${zone})` : label}
        className="w-48"
        edge={edge}
        value={Number.isNaN(instant) ? undefined : instant}
        onValueChange={(ms) => onChange(ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z'))}
      />
    </label>
  );
}

/** `columns`: the reader's kept column choice, the table's defaults for them. */
export function AuditTable({ columns: columnChoice }: { columns?: string[] | undefined }) {
  const config = useMemo(() => withColumnChoice(listConfig, columnChoice), [columnChoice]);
  const [state, setState] = useListState(config);
  const zone = useTimeZone();
  const filters: AuditFilterParams = {
    q: state.q || undefined,
    from: state.filters.from,
    to: state.filters.to,
    user: state.filters.user,
    action: state.filters.action,
    outcome: isOutcome(state.filters.outcome) ? state.filters.outcome : undefined,
  };
  const audit = useQuery(auditListOptions({ ...filters, page: state.page, pageSize: state.pageSize, sort: state.sort, order: state.order }));

  const total = audit.data?.total ?? 0;
  const table = useDataTable({
    columns,
    data: audit.data?.items ?? noRows,
    total,
    state,
    onStateChange: setState,
    getRowId,
  });

  const isFiltered = Object.values(filters).some((value) => value !== undefined);

  return (
    <div className="space-y-3">
      <DataTableToolbar
        end={
          <>
            <DataTableViews page="audit" state={state} config={config} onApply={setState} />
            <DataTableViewOptions table={table} page="audit" />
            <DataTableExport href={auditExportHref(filters)} />
          </>
        }
      >
        <DataTableSearch
          label="Search the audit trail"
          placeholder="Search user, action, target, request id"
          value={state.q}
          onSearch={(q) => setState({ q })}
        />
        <DataTableFilter
          label="User"
          allLabel="All users"
          value={state.filters.user ?? ''}
          isLoading={audit.isLoading}
          options={(audit.data?.users ?? []).map((user) => ({ value: user, label: user }))}
          onChange={(value) => setState({ filters: { user: value } })}
        />
        <DataTableFilter
          label="Action"
          allLabel="All actions"
          value={state.filters.action ?? ''}
          isLoading={audit.isLoading}
          options={audit.data?.actions ?? []}
          onChange={(value) => setState({ filters: { action: value } })}
        />
        <DataTableFilter
          label="Outcome"
          allLabel="All outcomes"
          value={state.filters.outcome ?? ''}
          options={auditOutcomes.map((outcome) => ({ value: outcome, label: outcomeLabels[outcome] }))}
          onChange={(value) => setState({ filters: { outcome: value } })}
        />
      </DataTableToolbar>
      {/* A row of its own: beside the other filters it wraps the toolbar and pushes the column chooser off screen. */}
      <div role="group" aria-label="Time range" className="flex flex-wrap items-center gap-3">
        <TimeInput label="From" edge="from" zone={zone} value={state.filters.from} onChange={(from) => setState({ filters: { from } })} />
        <TimeInput label="To" edge="to" zone={zone} value={state.filters.to} onChange={(to) => setState({ filters: { to } })} />
        <span className="text-xs text-slate-500">{zone ? `Times in ${zone}, as everywhere on the page.` : null}</span>
      </div>
      <DataTable
        table={table}
        label="Audit trail"
        query={audit}
        empty={
          isFiltered ? (
            <EmptyState title="No entries match" description="Try another search, time range or filter." />
          ) : (
            <EmptyState title="No entries yet" description="Changes made through ScanDeck, refused requests and sign-ins appear here." />
          )
        }
      />
    </div>
  );
}
