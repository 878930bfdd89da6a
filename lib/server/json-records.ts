import 'server-only';
import { createHash } from 'node:crypto';
import { stringBytes } from './row-store';

/**
 * The records of a list inside a JSON answer, each parsed only when it is read. Parsing a whole
 * 100,000-record answer up front costs more than the fetch and leaves ~100 MiB of short-lived
 * objects behind; finding where each record starts and ends costs a fraction of that, so a first
 * page parses only its own records and the rest are parsed one by one behind the answer.
 */
export interface RecordSource {
  readonly length: number;
  /** bytes held until every record is read: the answer's text */
  readonly bytes: number;
  /** Record `index` parsed; a record that is not valid JSON throws (the reader counts it as unreadable). */
  at(index: number): unknown;
  /**
   * A digest of the records' text, or of the whole answer but for the envelope's timestamp (which
   * changes on every answer): two answers with equal digests hold the same records.
   */
  digest?(): string;
}

/** `"timestamp": 1700000000 }` closing the answer: Tenable's envelope ends with it (and it alone changes). */
const closingTimestamp = /"timestamp"\s*:\s*-?\d+(?:\.\d+)?\s*\}\s*$/;

/**
 * A digest of a whole answer but for the timestamp its envelope ends with, made without finding a
 * single record: equal digests mean equal answers in all but that timestamp, envelope included.
 * Undefined when the answer does not end with a timestamp (then only the records can be compared).
 * Only an unescaped `"timestamp"` member closing the outermost object matches: one in a string
 * value is escaped, and one closing a nested object is followed by the brackets around it.
 */
export function answerDigest(answer: string | Buffer | readonly Buffer[]): string | undefined {
  if (typeof answer === 'string') {
    const from = Math.max(0, answer.length - 100);
    const match = closingTimestamp.exec(answer.slice(from));
    return match
      ? createHash('sha256')
          .update(answer.slice(0, from + match.index))
          .digest('base64')
      : undefined;
  }
  // Pieces as received are hashed where they lie: joining them first would touch as much fresh memory again.
  const pieces = Buffer.isBuffer(answer) ? [answer] : answer;
  const size = pieces.reduce((sum, piece) => sum + piece.length, 0);
  // The tail is ASCII when it matches; read as latin1, a buffer's characters are its bytes, so the
  // match's index is a byte offset. Hashed, a string is its UTF-8 bytes: both forms digest alike.
  const from = Math.max(0, size - 100);
  const match = closingTimestamp.exec(bytesFrom(pieces, from).toString('latin1'));
  if (!match) return undefined;
  const hash = createHash('sha256');
  let left = from + match.index;
  for (const piece of pieces) {
    if (left <= 0) break;
    hash.update(left >= piece.length ? piece : piece.subarray(0, left));
    left -= piece.length;
  }
  return hash.digest('base64');
}

/** The bytes of `pieces` from offset `from` to their end, joined (a short tail). */
function bytesFrom(pieces: readonly Buffer[], from: number): Buffer {
  const tail: Buffer[] = [];
  let start = 0;
  for (const piece of pieces) {
    const end = start + piece.length;
    if (end > from) tail.push(from > start ? piece.subarray(from - start) : piece);
    start = end;
  }
  return Buffer.concat(tail);
}

/** The same records with another digest (none: every refresh reads them anew). */
export function withDigest(records: RecordSource, digest: (() => string) | undefined): RecordSource {
  // The length is read through: an unchanged answer's records are not located until someone reads them.
  const same = {
    get length() {
      return records.length;
    },
    bytes: records.bytes,
    at: (index: number) => records.at(index),
  };
  return digest ? Object.assign(same, { digest }) : same;
}

/**
 * The records of an answer known to equal one already read but for its timestamp (see
 * answerDigest): located only if someone reads them after all.
 */
export function unchangedRecords(answer: { readonly text: string; readonly size: number }, digest: string): RecordSource {
  let records: RecordSource | undefined;
  const located = (): RecordSource => {
    // Decoded only here: a list kept as it was never reads these records.
    records ??= splitList(answer.text, 'response').records;
    if (!records) throw new NotJson('response: not a list');
    return records;
  };
  return {
    get length() {
      return located().length;
    },
    bytes: answer.size,
    at: (index) => located().at(index),
    digest: () => digest,
  };
}

export class NotJson extends Error {}

const quote = 0x22;
const backslash = 0x5c;
const comma = 0x2c;
const colon = 0x3a;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipSpace(text: string, i: number): number {
  while (isSpace(text.charCodeAt(i))) i += 1;
  return i;
}

/** Index after the string that starts at `i` (its opening quote). */
function skipString(text: string, i: number): number {
  for (let from = i + 1; ; ) {
    const end = text.indexOf('"', from);
    if (end < 0) throw new NotJson('unterminated string');
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === backslash) slashes += 1;
    if (slashes % 2 === 0) return end + 1;
    from = end + 1;
  }
}

/** Index after the value that starts at `i`: brackets are balanced and strings skipped; contents are checked when parsed. */
function skipValue(text: string, i: number): number {
  let depth = 0;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === quote) {
      i = skipString(text, i);
      if (depth === 0) return i;
      continue;
    }
    if (c === openBrace || c === openBracket) depth += 1;
    else if (c === closeBrace || c === closeBracket) {
      if (depth === 0) return i;
      depth -= 1;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && (c === comma || isSpace(c))) return i;
    else if (Number.isNaN(c)) throw new NotJson('unexpected end');
    i += 1;
  }
}

/** One record's place in the text; the lists grow by doubling. */
class Spans {
  starts = new Uint32Array(1024);
  ends = new Uint32Array(1024);
  length = 0;
  push(start: number, end: number): void {
    if (this.length === this.starts.length) {
      const starts = new Uint32Array(this.length * 2);
      const ends = new Uint32Array(this.length * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length += 1;
  }
}

/** The places of the elements of the array that starts at `i`, and the index after it. */
function scanArray(text: string, i: number): { spans: Spans; end: number } {
  const spans = new Spans();
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === closeBracket) return { spans, end: i + 1 };
  for (;;) {
    const end = skipValue(text, i);
    if (end === i) throw new NotJson('missing value');
    spans.push(i, end);
    i = skipSpace(text, end);
    const c = text.charCodeAt(i);
    if (c === closeBracket) return { spans, end: i + 1 };
    if (c !== comma) throw new NotJson('expected , or ]');
    i = skipSpace(text, i + 1);
  }
}

/**
 * Splits a JSON object whose member `key` is an array: everything else (the envelope) is parsed at
 * once and strictly, the array's elements are only located. Throws `NotJson` when the text is not
 * a JSON object; answers `records: undefined` when `key` is absent or not an array, so the caller
 * judges the envelope as it would any other.
 */
export function splitList(text: string, key: string): { envelope: unknown; records: RecordSource | undefined } {
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== openBrace) return { envelope: parseWhole(text), records: undefined };
  i = skipSpace(text, i + 1);
  while (text.charCodeAt(i) === quote) {
    const nameEnd = skipString(text, i);
    const name = JSON.parse(text.slice(i, nameEnd)) as string;
    i = skipSpace(text, nameEnd);
    if (text.charCodeAt(i) !== colon) break;
    i = skipSpace(text, i + 1);
    if (name === key && text.charCodeAt(i) === openBracket) {
      const { spans, end } = scanArray(text, i);
      // The envelope without the list: an empty array in its place, parsed (and so checked) whole.
      const envelope = parseWhole(`${text.slice(0, i)}[]${text.slice(end)}`);
      return { envelope, records: recordsOf(text, spans) };
    }
    i = skipSpace(text, skipValue(text, i));
    if (text.charCodeAt(i) !== comma) break;
    i = skipSpace(text, i + 1);
  }
  return { envelope: parseWhole(text), records: undefined };
}

function parseWhole(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new NotJson('not JSON');
  }
}

function recordsOf(text: string, spans: Spans): RecordSource {
  const { starts, ends, length } = spans;
  return {
    length,
    bytes: stringBytes(text),
    at: (index) => JSON.parse(text.slice(starts[index], ends[index])),
    digest: () =>
      createHash('sha256')
        .update(length === 0 ? '' : text.slice(starts[0], ends[length - 1]))
        .digest('base64'),
  };
}
