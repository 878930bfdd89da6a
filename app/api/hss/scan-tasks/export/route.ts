import { listScanTasksQuery, type ScanTaskRow } from '@/lib/schemas/scan-task';
import { scanTaskExportSource } from '@/lib/server/hss/scan-tasks';
import { type ExportColumn, listCsvResponse } from '@/lib/server/list-export';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

const isoTime = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The task table's columns, with times in UTC ISO form and the host counts apart. */
const columns: ExportColumn<ScanTaskRow>[] = [
  { id: 'id', value: (t) => t.id },
  { id: 'scanType', value: (t) => t.scanType },
  { id: 'vulTypes', value: (t) => t.vulTypes },
  { id: 'status', value: (t) => t.status },
  { id: 'scanningHosts', value: (t) => t.scanningHosts },
  { id: 'successHosts', value: (t) => t.successHosts },
  { id: 'failedHosts', value: (t) => t.failedHosts },
  { id: 'startTime_utc', value: (t) => isoTime(t.startTime) },
  { id: 'endTime_utc', value: (t) => isoTime(t.endTime) },
  { id: 'expectedEnd_utc', value: (t) => isoTime(t.expectedEnd) },
  { id: 'estimatedMinutes', value: (t) => t.estimatedMinutes },
];

/** The scan tasks matching the table's filters, newest first as HSS lists them, as CSV (bounded: see scanTaskExportSource). */
export const GET = route({ role: 'viewer', query: listScanTasksQuery }, ({ query }) => {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return listCsvResponse('scan-tasks', columns, scanTaskExportSource(filters));
});
