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

export const healthSchema = z.object({
  app: z.literal('ok'),
  upstreams: z.object({ director: upstreamHealthSchema, hss: upstreamHealthSchema }),
});
export type Health = z.infer<typeof healthSchema>;
