import { type ListState, idFilter, listStateConfig, pagingParams } from '@/components/data-table/list-state';
import type { ScanListParams } from '@/lib/api/scans';
import { defaultScanColumns, scanColumnIds, sortableScanColumns, type ScanColumn } from '@/lib/schemas/scan-fields';

// Not a client module: the scans page reads its first page on the server from the same URL state,
// with the same query key, as the table in the browser.

export const scanListConfig = listStateConfig('name', ['sciId', 'orgId'], {
  ids: scanColumnIds,
  sortable: sortableScanColumns,
  defaults: defaultScanColumns,
});

/** What the scans list asks the BFF for, from its list state and the reader's role. */
export function scanListParams(state: ListState, isAdmin: boolean): ScanListParams {
  return {
    ...pagingParams(state),
    sciId: idFilter(state.filters.sciId),
    orgId: idFilter(state.filters.orgId),
    // Only the visible columns come back, so hidden ones cost nothing on the wire. An admin's rows
    // also carry their SCI, which a bulk deletion names.
    columns: ['name', ...(state.columns as ScanColumn[]), ...(isAdmin && !state.columns.includes('sci') ? (['sci'] as const) : [])],
  };
}
