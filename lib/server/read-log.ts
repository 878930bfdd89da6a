import 'server-only';
import { logger } from './log';
import { z } from 'zod';
import type { Unreadable } from '@/lib/schemas/common';
import type { RecordSource } from './json-records';

/**
 * Tolerant reading of vendor records: the envelope is checked strictly by the transports, and
 * inside it each record is read field by field. A field that does not fit is left out, a record
 * without a usable id is skipped, and this log counts both so the answer can say so.
 *
 * Reasons name the record and the field, never a value: they go to the browser and the log.
 */
export interface ReadLog {
  records: number;
  fields: number;
  example: string | undefined;
}

export function createReadLog(): ReadLog {
  return { records: 0, fields: 0, example: undefined };
}

export function noteField(log: ReadLog, record: string, field: string, why: string): void {
  log.fields += 1;
  log.example ??= `${record}: ${field} ${why}`;
}

export function noteRecord(log: ReadLog, record: string, why: string): void {
  log.records += 1;
  log.example ??= `${record} skipped: ${why}`;
}

export function summary(log: ReadLog): Unreadable | undefined {
  if (log.records === 0 && log.fields === 0) return undefined;
  return { records: log.records, fields: log.fields, example: log.example ?? '' };
}

/** A short reason from a zod issue, without the value that caused it. */
function reasonOf(issue: z.core.$ZodIssue | undefined): { path: string; why: string } {
  if (!issue) return { path: '', why: 'unreadable' };
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  if (issue.code === 'invalid_type') {
    return { path, why: issue.input === undefined ? 'missing' : `is not a ${issue.expected}` };
  }
  if (issue.code === 'invalid_union') return { path, why: 'has an unexpected shape' };
  if (issue.code === 'invalid_format') return { path, why: `is not a ${issue.format}` };
  return { path, why: 'has an unexpected value' };
}

/** A list field whose elements are read one by one: an odd element is dropped, the rest kept. */
export interface EachOf<S extends z.ZodType> {
  each: S;
}
export const eachOf = <S extends z.ZodType>(each: S): EachOf<S> => ({ each });

type FieldSpec = z.ZodType | EachOf<z.ZodType>;
type FieldOut<F> = F extends EachOf<infer S> ? Array<z.output<S>> : F extends z.ZodType ? z.output<F> : never;
export type ReadFields<S extends Record<string, FieldSpec>> = { [K in keyof S]?: FieldOut<S[K]> };

export function isObject(raw: unknown): raw is Record<string, unknown> {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw);
}

/** What a fast path answers when the value is not of the common form it knows: zod then reads it. */
export const unsure: unique symbol = Symbol('unsure');
type FastPath = (value: unknown) => unknown;
const fastPaths = new WeakMap<z.ZodType, FastPath>();

/**
 * Gives a field schema a fast path for the forms vendors send nearly always (a string where text
 * is expected, digits where a number is): the same output as the schema, without zod's cost per
 * field, which made reading 100,000 records take seconds. Anything else answers `unsure` and is
 * read (and, when odd, noted) by the schema as before.
 */
export function withFastPath<S extends z.ZodType>(schema: S, fast: (value: unknown) => z.output<S> | typeof unsure): S {
  fastPaths.set(schema, fast);
  return schema;
}

/** The fast path of a schema, for fast paths built from others'. */
export function fastPathOf(schema: z.ZodType): FastPath {
  return fastPaths.get(schema) ?? (() => unsure);
}

/**
 * Reads each key of `shape` on its own. An absent key stays absent; a present one whose value
 * does not fit is left out and noted. Keys outside `shape` are never read (the allowlist).
 */
export function readFields<S extends Record<string, FieldSpec>>(raw: Record<string, unknown>, shape: S, log: ReadLog, record: string): ReadFields<S> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(shape)) {
    if (!Object.hasOwn(raw, key)) continue;
    const value = raw[key];
    if (value === undefined) continue;
    if ('each' in spec) {
      if (!Array.isArray(value)) {
        noteField(log, record, key, 'is not a list');
        continue;
      }
      const items: unknown[] = [];
      value.forEach((item, index) => {
        const parsed = spec.each.safeParse(item);
        if (parsed.success) items.push(parsed.data);
        else {
          const { path, why } = reasonOf(parsed.error.issues[0]);
          noteField(log, record, `${key}[${index}]${path}`, why);
        }
      });
      out[key] = items;
      continue;
    }
    const fast = fastPaths.get(spec);
    if (fast) {
      const read = fast(value);
      if (read !== unsure) {
        if (read !== undefined) out[key] = read;
        continue;
      }
    }
    const parsed = spec.safeParse(value);
    if (parsed.success) {
      if (parsed.data !== undefined) out[key] = parsed.data;
    } else {
      const { path, why } = reasonOf(parsed.error.issues[0]);
      noteField(log, record, `${key}${path}`, why);
    }
  }
  return out as ReadFields<S>;
}

/** Drops keys whose value is undefined, so a DTO carries only what the vendor sent. */
export function present<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}

/**
 * A DTO schema's keys as the last allowlist of a row whose values its field reader already
 * checked one by one: a key the DTO does not name is dropped, as the schema's parse would drop it,
 * without parsing every value again (at 100,000 rows that parse alone cost about a second).
 */
export function allowlistOf<S extends z.ZodObject>(schema: S): (row: z.output<S>) => z.output<S> {
  const keys = Object.keys(schema.shape);
  return (row) => {
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const v = (row as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = v;
    }
    return out as z.output<S>;
  };
}

/** Reads one record; `undefined` means it had no usable id and is skipped (already noted). */
export type RecordReader<T> = (raw: unknown, log: ReadLog) => T | undefined;

export interface ReadList<T> {
  items: T[];
  unreadable?: Unreadable;
}

/**
 * A list read tolerantly: raw records → `{ items, unreadable }`. A cache can keep the result as
 * it is. The server log says once per load what could not be read, without record contents.
 */
export function readList<T>(raws: readonly unknown[], read: RecordReader<T>, what: string): ReadList<T> {
  const log = createReadLog();
  const items: T[] = [];
  for (const raw of raws) {
    const item = read(raw, log);
    if (item !== undefined) items.push(item);
  }
  return finishList(items, log, raws.length, what);
}

/** Records read per turn of the event loop by `readListInTurns`: a few tens of milliseconds of work. */
const recordsPerTurn = 5_000;

/**
 * `readList` over records not yet parsed (json-records.ts), a chunk per turn of the event loop:
 * an SCI's tens of thousands of users read in one go held every other request for a second or
 * more. A record that is not JSON is skipped and counted like any unreadable one.
 */
export async function readListInTurns<T>(records: RecordSource, read: RecordReader<T>, what: string): Promise<ReadList<T>> {
  const log = createReadLog();
  const items: T[] = [];
  for (let index = 0; index < records.length; index += 1) {
    if (index > 0 && index % recordsPerTurn === 0) await new Promise((resolve) => setImmediate(resolve));
    let item: T | undefined;
    try {
      item = read(records.at(index), log);
    } catch {
      // Not JSON, or a reader's own fault: the record is left out and counted like any unreadable one.
      noteRecord(log, `record ${index + 1}`, 'unreadable');
    }
    if (item !== undefined) items.push(item);
  }
  return finishList(items, log, records.length, what);
}

function finishList<T>(items: T[], log: ReadLog, of: number, what: string): ReadList<T> {
  const unreadable = summary(log);
  if (unreadable) {
    logger().warn(
      { event: 'unreadable', what, records: unreadable.records, fields: unreadable.fields, of, first: unreadable.example },
      `${what}: ${unreadable.records} record(s) skipped and ${unreadable.fields} field(s) left out of ${of}`,
    );
  }
  return unreadable ? { items, unreadable } : { items };
}

/** For a transport's `schema`: the response must be a list (strict), its records are read tolerantly. */
export function listSchema<T>(read: RecordReader<T>, what: string) {
  return z.array(z.unknown()).transform((raws) => readList(raws, read, what));
}

export interface ReadOne<T> {
  item: T;
  unreadable?: Unreadable;
}

/** For a transport's `schema`: one record, read tolerantly; without a usable id it is an unexpected body. */
export function recordSchema<T>(read: RecordReader<T>, what: string) {
  return z.unknown().transform((raw, ctx): ReadOne<T> => {
    const log = createReadLog();
    const item = read(raw, log);
    if (item === undefined) {
      ctx.addIssue({ code: 'custom', message: log.example ?? `${what} has no usable id` });
      return z.NEVER;
    }
    const unreadable = summary(log);
    if (unreadable) {
      logger().warn({ event: 'unreadable', what, fields: unreadable.fields, first: unreadable.example }, `${what}: ${unreadable.fields} field(s) left out`);
    }
    return unreadable ? { item, unreadable } : { item };
  });
}
