import { createHash, timingSafeEqual } from 'node:crypto';
import type { SimRequest, SimResponse } from '../http';

/** A Tenable.sc refusal: answered as the envelope with a non-zero error_code and response "". */
export class TenableError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Tenable.sc's error codes are not published. Public clients show 146 for invalid parameters and
 * refused access and 142 for a missing parameter, so the simulator answers those; ScanDeck keys
 * no behaviour to them (see docs/vendor-notes.md).
 */
export const INVALID_PARAMETER = 146;
export const MISSING_PARAMETER = 142;

export const notFound = (object: string, id: string | number) => new TenableError(403, INVALID_PARAMETER, `${object} #${id} not found`);
export const invalidParameter = (name: string, why: string) =>
  new TenableError(403, why.startsWith('is required') ? MISSING_PARAMETER : INVALID_PARAMETER, `Invalid parameter '${name}': ${why}`);
export const invalidMethod = () => new TenableError(405, INVALID_PARAMETER, 'Invalid method');
export const unknownPath = () => new TenableError(404, INVALID_PARAMETER, 'Invalid resource');
export const invalidApiKey = () => new TenableError(403, INVALID_PARAMETER, 'Invalid API key');

export function envelope(response: unknown, nowMs: number, status = 200): SimResponse {
  return {
    status,
    body: {
      type: 'regular',
      response,
      error_code: 0,
      error_msg: '',
      warnings: [],
      timestamp: Math.floor(nowMs / 1000),
    },
  };
}

export function errorEnvelope(error: TenableError, nowMs: number): SimResponse {
  return {
    status: error.status,
    body: {
      type: 'regular',
      response: '',
      error_code: error.code,
      error_msg: error.message,
      warnings: [],
      timestamp: Math.floor(nowMs / 1000),
    },
  };
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Compares digests so the time taken says nothing about how much of a key matched. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** Parses `accesskey=A; secretkey=S;` leniently (spaces, missing `;`, any key case). */
export function parseApiKey(header: string | string[] | undefined): { accessKey: string; secretKey: string } | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const parts = new Map<string, string>();
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    parts.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const accessKey = parts.get('accesskey');
  const secretKey = parts.get('secretkey');
  if (accessKey === undefined || secretKey === undefined) return null;
  return { accessKey, secretKey };
}

export function isAuthorised(req: SimRequest, accessKey: string, secretKey: string): boolean {
  const given = parseApiKey(req.headers['x-apikey']);
  if (!given) return false;
  // Both comparisons always run, so a right access key with a wrong secret costs the same as neither.
  const accessOk = sameSecret(given.accessKey, accessKey);
  const secretOk = sameSecret(given.secretKey, secretKey);
  return accessOk && secretOk;
}

/* ---------- fields ---------- */

/** always = `*`, default = `**` (only without a `fields` list), request = only when asked. */
export type FieldLevel = 'always' | 'default' | 'request';

export interface FieldDef<T> {
  /** the documented field name */
  name: string;
  /** the JSON key it answers under, when not the name */
  key?: string;
  /** other names accepted in `fields` (matched case-insensitively like the name) */
  aliases?: readonly string[];
  list: FieldLevel;
  detail: FieldLevel;
  get: (record: T) => unknown;
  /** when set, the keys and values this field answers with instead of `key: get()` (a field with two forms) */
  answer?: (record: T) => Record<string, unknown>;
}

export type FieldMode = 'list' | 'detail';

/** Picks the fields to answer once per request, so long lists only pay for the projection. */
export function chooseFields<T>(defs: readonly FieldDef<T>[], fieldsParam: string | null, mode: FieldMode): FieldDef<T>[] {
  if (fieldsParam === null) return defs.filter((d) => d[mode] !== 'request');
  const wanted = new Set(
    fieldsParam
      .split(',')
      .map((f) => f.trim().toLowerCase())
      .filter(Boolean),
  );
  return defs.filter(
    (d) =>
      d[mode] === 'always' ||
      wanted.has(d.name.toLowerCase()) ||
      (d.key !== undefined && wanted.has(d.key.toLowerCase())) ||
      (d.aliases ?? []).some((a) => wanted.has(a.toLowerCase())),
  );
}

export function project<T>(defs: readonly FieldDef<T>[], record: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    if (def.answer) Object.assign(out, def.answer(record));
    else out[def.key ?? def.name] = def.get(record);
  }
  return out;
}

/* ---------- input ---------- */

export const str = (n: number | boolean) => String(n);

/** The JSON body as an object; an empty body is `{}`. */
export function bodyObject(req: SimRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw invalidParameter('body', 'not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidParameter('body', 'must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

export function readString(value: unknown, name: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw invalidParameter(name, 'must be a string');
}

export function readBoolean(value: unknown, name: string): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw invalidParameter(name, 'must be "true" or "false"');
}

export function readInteger(value: unknown, name: string, min: number, max: number): number {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim())) n = Number(value.trim());
  else throw invalidParameter(name, 'must be a number');
  if (!Number.isInteger(n)) throw invalidParameter(name, 'must be a whole number');
  if (n < min || n > max) throw invalidParameter(name, `must be between ${min} and ${max}`);
  return n;
}

export function readEnum<T extends string>(value: unknown, name: string, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw invalidParameter(name, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
}

/** A numeric filter from the query string or the JSON body; undefined when absent. */
export function readFilter(req: SimRequest, body: Record<string, unknown>, name: string): number | undefined {
  const raw = req.query.get(name) ?? body[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  return readInteger(raw, name, 0, Number.MAX_SAFE_INTEGER);
}

export const UUID_PATTERN = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/** A path segment naming an object by id or uuid; anything else is refused before lookup. */
export function checkIdOrUuid(segment: string, name = 'id'): string {
  if (/^\d{1,15}$/.test(segment) || UUID_PATTERN.test(segment)) return segment;
  throw invalidParameter(name, 'must be a number or a UUID');
}
