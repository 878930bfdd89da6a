// Paging of every list: plain values, no zod, so a page that only lists can import them without the schema library.
/** Page sizes a table offers; the BFF refuses anything else. */
export const pageSizes = [10, 25, 50, 100] as const;

export const defaultPageSize = 25;
