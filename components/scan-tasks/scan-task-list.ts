import type { ListState, ListStateConfig } from '@/components/data-table/list-state';
import type { ScanTaskListParams } from '@/lib/api/scan-tasks';
import { scanTypes } from '@/lib/schemas/scan-task-fields';

// Not a client module: the scan-tasks page reads its first page on the server from the same URL
// state, with the same query key, as the table in the browser.

const optionalColumns = ['scanType', 'vulTypes', 'status', 'progress', 'startTime', 'endTime', 'duration'] as const;

export const scanTaskListConfig: ListStateConfig = {
  filterKeys: ['scanType', 'taskId', 'startFrom', 'startTo'],
  sortable: [],
  columnIds: optionalColumns,
  defaultColumns: optionalColumns,
};

function toEpoch(value: string | undefined): number | undefined {
  return value && /^[0-9]{1,16}$/.test(value) ? Number(value) : undefined;
}

/** What the task list asks the BFF for, from its list state. */
export function scanTaskListParams(state: ListState): ScanTaskListParams {
  return {
    page: state.page,
    pageSize: state.pageSize,
    scanType: scanTypes.find((t) => t === state.filters.scanType),
    taskId: state.filters.taskId || undefined,
    startFrom: toEpoch(state.filters.startFrom),
    startTo: toEpoch(state.filters.startTo),
  };
}
