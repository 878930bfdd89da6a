import { z } from 'zod';

export const upstreamHealthSchema = z.object({
  configured: z.boolean(),
  /** null when not configured */
  reachable: z.boolean().nullable(),
  /** when `reachable` last changed (ISO time); null before the first call */
  since: z.string().nullable(),
  checkedAt: z.string(),
  latencyMs: z.number().int().nonnegative(),
  /** closed: calls go through; open: ScanDeck is not calling it for a while; half-open: one probe */
  circuit: z.enum(['closed', 'open', 'half-open']),
  /** ScanDeck's error code of the failed check */
  error: z.string().optional(),
});
export type UpstreamHealth = z.infer<typeof upstreamHealthSchema>;

/** One connected Tenable.sc instance (security managers are managed there), by Director's SCI id. */
export const sciHealthSchema = upstreamHealthSchema.extend({ sciId: z.number().int() });
export type SciHealth = z.infer<typeof sciHealthSchema>;

export const healthSchema = z.object({
  app: z.literal('ok'),
  upstreams: z.object({ director: upstreamHealthSchema, hss: upstreamHealthSchema }),
  /** each SCI in SCI_CONNECTIONS_FILE, probed at once; SCIs without a connection are not listed */
  scis: z.array(sciHealthSchema),
  /** SCIs Director names that have no connection (empty while Director cannot be read) */
  scisNotConnected: z.array(z.number().int()),
});
export type Health = z.infer<typeof healthSchema>;
