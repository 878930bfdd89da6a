import 'server-only';

/**
 * What ScanDeck must remember across requests, restarts and (with a shared implementation) several
 * instances: which sessions were signed out, and recent sign-in failures. Small on purpose, so a
 * shared store (Redis) can take the embedded SQLite one's place without touching its callers.
 */
export interface StateStore {
  /** Ends one session (its `sid`) until `expiresAtMs`, when the session could not live anyway. */
  revokeSession(sid: string, expiresAtMs: number): Promise<void>;
  /**
   * Ends every session of `username` that began at or before `atMs` ("sign out everywhere"). The
   * mark is kept until `expiresAtMs`, when every session it could end has expired by itself.
   */
  revokeUser(username: string, atMs: number, expiresAtMs: number): Promise<void>;
  /** Whether a session (its id, user and sign-in time) has been signed out. */
  isRevoked(session: { sid: string; username: string; authTimeMs: number }): Promise<boolean>;

  /**
   * Counts one event under `key` at `atMs` and answers the times of every event still within
   * `windowMs` (oldest first, this one included) and this event's id. Adding before reading makes
   * parallel attempts see each other.
   */
  hit(key: string, atMs: number, windowMs: number): Promise<{ id: string; times: number[] }>;
  /** The times of the events under `key` since `sinceMs`, oldest first, without counting one. */
  hits(key: string, sinceMs: number): Promise<number[]>;
  /** Takes back one event (e.g. an attempt that was refused, so refusals never extend a lock). */
  unhit(key: string, id: string): Promise<void>;
  /** Forgets every event under `key`. */
  clear(key: string): Promise<void>;

  /** Drops expired revocations and events older than `maxWindowMs`. */
  prune(nowMs: number, maxWindowMs: number): Promise<void>;
  close(): Promise<void>;
}
