import { z } from 'zod';
import { pageSizes, defaultPageSize, upstreamVendors } from './paging';
export { pageSizes, defaultPageSize } from './paging';

/** Director numeric ids; digits only (ASCII), so an id can never carry a path. */
export const numericId = z.string().regex(/^[0-9]{1,10}$/, 'must be a number');

/** Tenable.sc UUIDs are upper-case v4 style; accept either case. */
export const uuid = z.string().regex(/^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/, 'must be a UUID');

/** A path parameter that names a Director object either by id or by uuid. */
export const idOrUuid = z.union([numericId, uuid], { error: 'must be a numeric id or a UUID' });

/**
 * The query every list route takes: page (from 1), pageSize, sort, order, q, plus each
 * route's own filters (extend this).
 */
export const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .refine((n) => (pageSizes as readonly number[]).includes(n), { message: `must be one of ${pageSizes.join(', ')}` })
    .default(defaultPageSize),
  sort: z.string().max(64).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
  q: z.string().trim().max(200).optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

/** `refresh=1` on a cached list: the reader asked for the vendor's current list rather than the cached one. */
export const refreshParam = z
  .enum(['1'])
  .optional()
  .transform((v) => v === '1');

/** The `columns` query parameter of a list route: a comma list of that table's column ids. */
export function columnsParam<C extends string>(ids: readonly C[]) {
  return z
    .string()
    .max(1000)
    .transform((s) =>
      s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(ids as [C, ...C[]])));
}

/**
 * What could not be read of a vendor answer: records skipped (no usable id) and fields left out
 * (unexpected shape), with the first reason, e.g. "scan 17: zone.uuid is not a string".
 */
export const unreadableSchema = z.object({
  records: z.number().int().nonnegative(),
  fields: z.number().int().nonnegative(),
  example: z.string(),
});
export type Unreadable = z.infer<typeof unreadableSchema>;

/** Every list route answers this shape. */
export function listResponse<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().nonnegative(),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
    /** when the BFF got this list from the vendor (epoch ms); cached lists say how old they are */
    fetchedAt: z.number().int().nonnegative().optional(),
    /** how old the list was when the BFF answered */
    ageMs: z.number().int().nonnegative().optional(),
    unreadable: unreadableSchema.optional(),
  });
}
export type ListResponse<T> = { items: T[]; total: number; page: number; pageSize: number; fetchedAt?: number; ageMs?: number; unreadable?: Unreadable };

/** A reference to another Director object, as it appears inside a row. */
export const refSchema = z.object({
  id: z.number().int(),
  /** empty when the vendor named no name */
  name: z.string(),
  description: z.string().optional(),
});
export type Ref = z.infer<typeof refSchema>;

export const errorCodes = [
  'unauthenticated',
  'forbidden',
  'csrf',
  'bad_request',
  'not_found',
  'unsupported_media_type',
  'payload_too_large',
  'too_many_requests',
  'upstream_error',
  'upstream_rejected',
  'upstream_unavailable',
  'upstream_timeout',
  'internal',
  'audit_unavailable',
  'store_unavailable',
  'sci_not_connected',
  'too_many_items',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** The one error envelope every route answers with. */
export const errorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** zod field errors: field path -> messages */
    details: z.record(z.string(), z.array(z.string())).optional(),
    /** present when a vendor refused: the vendor's own code, message and request id */
    upstream: z
      .object({
        vendor: z.enum(upstreamVendors),
        /** with vendor `sci`: which Tenable.sc instance (Director's SCI id) */
        sciId: z.number().int().optional(),
        status: z.number().int().optional(),
        code: z.string().optional(),
        message: z.string().optional(),
        requestId: z.string().optional(),
      })
      .optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelope>;

export const roles = ['admin', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** Where to reach an organization, user or security manager, as Director and Tenable.sc give it. */
export const postalFields = {
  address: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  country: z.string().optional(),
  phone: z.string().optional(),
  fax: z.string().optional(),
};
