import { z } from 'zod';
import { unreadableSchema, type Unreadable } from './common';

/** A Tenable.sc instance linked to Director. */
export const sciSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  status: z.string().optional(),
  version: z.string().optional(),
});
export type Sci = z.infer<typeof sciSchema>;

/**
 * A policy, repository, zone or asset of one SCI, as the scan form offers it. Director's Scan
 * Zone has no `uuid`, so a zone may come without one (and cannot be sent as `zoneUUID`).
 */
export const lookupItemSchema = z.object({
  id: z.number().int(),
  uuid: z.string().optional(),
  name: z.string(),
  description: z.string(),
});
export type LookupItem = z.infer<typeof lookupItemSchema>;

/** A user who can own a scan: an organizational user (Tenable refuses administrators as owners). */
export const ownerSchema = z.object({
  id: z.number().int(),
  uuid: z.string(),
  username: z.string(),
  firstname: z.string(),
  lastname: z.string(),
  organization: z.object({ id: z.number().int(), name: z.string() }).optional(),
});
export type Owner = z.infer<typeof ownerSchema>;

/** An organization as filters and pickers need it. */
export const orgOptionSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  sciId: z.number().int().optional(),
});
export type OrgOption = z.infer<typeof orgOptionSchema>;

export const lookupKinds = ['policies', 'repositories', 'zones', 'assets'] as const;
export type LookupKind = (typeof lookupKinds)[number];

export const sciScopedQuery = z.object({ sciId: z.coerce.number().int().positive() });
export const optionalSciQuery = z.object({ sciId: z.coerce.number().int().positive().optional() });

export const itemsResponse = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    unreadable: unreadableSchema.optional(),
    /** Director refused the list (e.g. `/mgmt/asset`, which no public Director page documents): its words */
    unavailable: z.object({ code: z.string().optional(), message: z.string() }).optional(),
  });
export type LookupList<T> = { items: T[]; unreadable?: Unreadable; unavailable?: { code?: string; message: string } };
