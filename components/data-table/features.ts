import { columnVisibilityFeature, rowPaginationFeature, rowSortingFeature, tableFeatures, type ColumnDef, type RowData } from '@tanstack/react-table';

/** The features every list table registers; paging and sorting are done by the server. */
export const dataTableFeatures = tableFeatures({ rowPaginationFeature, rowSortingFeature, columnVisibilityFeature });
export type DataTableFeatures = typeof dataTableFeatures;

/**
 * A column of any value type. TanStack's own `columns()` helper widens to `any` here too: each
 * column keeps its precise value type where it is defined, the array only needs to hold them.
 */
// biome-ignore lint/suspicious/noExplicitAny: a column of any value type, as TanStack's own helper widens it (above).
export type DataTableColumn<TData extends RowData> = ColumnDef<DataTableFeatures, TData, any>;
