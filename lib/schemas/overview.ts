import { z } from 'zod';
import { errorEnvelope, unreadableSchema } from './common';
import { healthSchema } from './health';
import { scanTaskRowSchema } from './scan-task';

/** One Tenable.sc instance as Director's `/sci` reports it; a field Director left out or sent oddly is absent. */
export const sciStateSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Director's status code as sent ("1" is a working SCI in Tenable's example) */
  status: z.string().optional(),
  version: z.string().optional(),
  /** epoch ms of the last sync with Director; absent when Director says never (0) or sent none */
  lastSyncAt: z.number().int().nonnegative().optional(),
  workingScanners: z.number().int().nonnegative().optional(),
  totalScanners: z.number().int().nonnegative().optional(),
});
export type SciState = z.infer<typeof sciStateSchema>;

/** How many of one kind of Director object an SCI holds. */
export const sciCountSchema = z.object({ sciId: z.number().int(), sciName: z.string(), count: z.number().int().nonnegative() });
export type SciCount = z.infer<typeof sciCountSchema>;

export const directorCountsSchema = z.object({
  total: z.number().int().nonnegative(),
  bySci: z.array(sciCountSchema),
  /** objects Director listed without an SCI */
  withoutSci: z.number().int().nonnegative(),
  fetchedAt: z.number().int().nonnegative(),
  unreadable: unreadableSchema.optional(),
});
export type DirectorCounts = z.infer<typeof directorCountsSchema>;

/** HSS tasks: those running now, and those started in the last 24 h that left hosts failed. */
export const hssTasksSchema = z.object({
  running: z.array(scanTaskRowSchema),
  /** tasks started in the last 24 h, and how many of them left failed hosts */
  recent: z.object({ total: z.number().int().nonnegative(), withFailedHosts: z.array(scanTaskRowSchema) }),
  /** epoch ms where the 24 h window starts */
  since: z.number().int().nonnegative(),
  /** true when HSS holds more tasks than the newest ScanDeck read, and the window may reach past them */
  isPartial: z.boolean(),
  fetchedAt: z.number().int().nonnegative(),
  ageMs: z.number().int().nonnegative(),
  unreadable: unreadableSchema.optional(),
});
export type HssTasks = z.infer<typeof hssTasksSchema>;

/** A part of the overview: its data, or why it could not be read (the error envelope's `error`). */
const part = <T extends z.ZodType>(data: T) =>
  z.union([
    z.object({ data }),
    /** `status`: the HTTP status the part would have answered alone */
    z.object({ status: z.number().int(), error: errorEnvelope.shape.error }),
    z.object({ notConfigured: z.literal(true) }),
  ]);

/** `GET /api/overview`: every part on its own, so one that fails leaves the others standing. */
export const overviewSchema = z.object({
  scis: part(z.object({ items: z.array(sciStateSchema), unreadable: unreadableSchema.optional() })),
  scans: part(directorCountsSchema),
  organizations: part(directorCountsSchema),
  users: part(directorCountsSchema),
  hssTasks: part(hssTasksSchema),
  health: part(healthSchema),
  /** epoch ms when the BFF put this answer together */
  generatedAt: z.number().int().nonnegative(),
});
export type Overview = z.infer<typeof overviewSchema>;
export type PartError = z.infer<typeof errorEnvelope>['error'];
export type OverviewPart<T> = { data: T } | { status: number; error: PartError } | { notConfigured: true };
