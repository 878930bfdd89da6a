import { columnVisibilityFeature, rowPaginationFeature, rowSortingFeature, tableFeatures } from '@tanstack/react-table';

/** The features every list table registers; paging and sorting are done by the server. */
export const dataTableFeatures = tableFeatures({ rowPaginationFeature, rowSortingFeature, columnVisibilityFeature });
export type DataTableFeatures = typeof dataTableFeatures;
