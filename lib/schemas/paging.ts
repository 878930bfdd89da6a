// Paging of every list and the names of the error envelope: plain values, no zod, so a page that only lists can import them without the schema library.
/** Page sizes a table offers; the BFF refuses anything else. */
export const pageSizes = [10, 25, 50, 100] as const;

export const defaultPageSize = 25;

/** Who an `error.upstream` names: the vendors ScanDeck calls (`sci`: one Tenable.sc instance). */
export const upstreamVendors = ['director', 'hss', 'iam', 'sci'] as const;
export type UpstreamVendor = (typeof upstreamVendors)[number];
