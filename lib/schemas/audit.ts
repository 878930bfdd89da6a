import { z } from 'zod';
import { listQuery, listResponse, roles } from './common';
import { auditOutcomes, auditSortFields } from './audit-fields';
export { auditOutcomes, auditSortFields, type AuditOutcome, type AuditSortField } from './audit-fields';

export const auditEventSchema = z.object({
  id: z.number().int(),
  /** ISO 8601, UTC */
  time: z.string(),
  username: z.string().nullable(),
  role: z.enum(roles).nullable(),
  /** e.g. "DELETE /api/director/scans/{id}" or "sign-in" */
  action: z.string(),
  /** the entry as a sentence, e.g. "Deleted scan 'Weekly DMZ' (SCI East)", made when read from what is stored */
  summary: z.string(),
  /** path parameters and a safe label (id, uuid, name, username) of what was acted on */
  target: z.record(z.string(), z.string()),
  outcome: z.enum(auditOutcomes),
  status: z.number().int().nullable(),
  errorCode: z.string().nullable(),
  /** the vendor's own code when a vendor refused */
  upstreamCode: z.string().nullable(),
  /** request ids ScanDeck sent to the vendors while serving this request */
  requestIds: z.array(z.string()),
  address: z.string().nullable(),
  /** how many times this happened within the minute: repeated refusals from one source share a row */
  count: z.number().int().min(1),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** An instant in the URL: ISO date-time with Z or an offset, e.g. 2026-05-01T08:00:00Z. */
const instant = z.preprocess(
  blankToUndefined,
  z.iso
    .datetime({ offset: true, local: false, error: 'must be an ISO date-time with a time zone, e.g. 2026-05-01T08:00:00Z' })
    .transform((v) => Date.parse(v))
    .optional(),
);

/** The filters of the trail; the list adds paging, the export takes them alone. */
export const auditFilterQuery = z.object({
  q: z.string().trim().max(200).optional(),
  from: instant,
  to: instant,
  user: z.preprocess(blankToUndefined, z.string().trim().max(64).optional()),
  action: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
  outcome: z.preprocess(blankToUndefined, z.enum(auditOutcomes).optional()),
});
export type AuditFilter = z.infer<typeof auditFilterQuery>;

export const listAuditQuery = listQuery.extend({
  ...auditFilterQuery.shape,
  sort: z.enum(auditSortFields).optional(),
});
export type ListAuditQuery = z.infer<typeof listAuditQuery>;

/** A page of the trail plus the users and actions it holds, for the filter choices. */
export const auditListResponse = listResponse(auditEventSchema).extend({
  users: z.array(z.string()),
  /** each action kind stored (the filter's value) and its name, e.g. "Delete scan" */
  actions: z.array(z.object({ value: z.string(), label: z.string() })),
});
export type AuditListResponse = z.infer<typeof auditListResponse>;

/** `GET /api/audit/chain`: how far the trail's hash chain checks out. */
export const auditChainReport = z.object({
  isIntact: z.boolean(),
  checked: z.number().int().nonnegative(),
  verifiedUpTo: z.object({ id: z.number().int(), time: z.string(), hash: z.string() }).nullable(),
  firstBroken: z.object({ id: z.number().int().nullable(), position: z.number().int(), reason: z.string() }).nullable(),
  unsealed: z.number().int().nonnegative(),
  /** when the check ran (ISO); the check is reused for a short while */
  checkedAt: z.string(),
});
export type AuditChainReport = z.infer<typeof auditChainReport>;
