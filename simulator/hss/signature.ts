import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Huawei Cloud API Gateway request signing (SDK-HMAC-SHA256), as the official SDK signers do it.
 * Pure functions: the same input always gives the same signature, so clients and the simulator
 * can be checked against Huawei's published vectors.
 */

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
export const SDK_DATE_HEADER = 'X-Sdk-Date';
/** API Gateway refuses signatures whose X-Sdk-Date is further than this from its clock */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export type QueryInput = string | URLSearchParams | Record<string, string | readonly string[]>;

export interface SignableRequest {
  method: string;
  /** path as it will be sent; percent-encoded or not, it is decoded then re-encoded per segment */
  path: string;
  query?: QueryInput;
  /** every header given here is signed; must include Host and X-Sdk-Date */
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface Signature {
  /** the value of the Authorization header */
  authorization: string;
  signature: string;
  signedHeaders: string[];
  canonicalRequest: string;
  stringToSign: string;
}

/** RFC 3986 encoding: only A-Z a-z 0-9 - _ . ~ stay literal. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function canonicalUri(path: string): string {
  const encoded = path
    .split('/')
    .map((segment) => percentEncode(safeDecode(segment)))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

function queryPairs(query: QueryInput | undefined): Array<[string, string]> {
  if (query === undefined) return [];
  if (typeof query === 'string') {
    const raw = query.startsWith('?') ? query.slice(1) : query;
    if (raw === '') return [];
    // Parsed by hand rather than with URLSearchParams, which would turn '+' into a space
    // and so sign a different value than the one the client encoded.
    return raw
      .split('&')
      .filter((part) => part !== '')
      .map((part): [string, string] => {
        const eq = part.indexOf('=');
        return eq === -1 ? [safeDecode(part), ''] : [safeDecode(part.slice(0, eq)), safeDecode(part.slice(eq + 1))];
      });
  }
  if (query instanceof URLSearchParams) return [...query.entries()];
  return Object.entries(query).flatMap(
    ([key, value]): Array<[string, string]> => (typeof value === 'string' ? [[key, value]] : value.map((v): [string, string] => [key, v])),
  );
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted by the decoded key and value, as the SDK signers sort, then encoded. */
export function canonicalQuery(query: QueryInput | undefined): string {
  return queryPairs(query)
    .sort((a, b) => compareCodeUnits(a[0], b[0]) || compareCodeUnits(a[1], b[1]))
    .map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`)
    .join('&');
}

function lowerCaseHeaders(headers: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) out.set(name.toLowerCase(), value);
  return out;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmacHex(key: string, data: string): string {
  return createHmac('sha256', key).update(data).digest('hex');
}

interface CanonicalParts {
  method: string;
  path: string;
  query: QueryInput | undefined;
  headers: Map<string, string>;
  signedHeaders: string[];
  body: string | Buffer;
}

function buildCanonicalRequest(parts: CanonicalParts): string {
  const canonicalHeaders = parts.signedHeaders.map((name) => `${name}:${(parts.headers.get(name) ?? '').trim()}\n`).join('');
  return [
    parts.method.toUpperCase(),
    canonicalUri(parts.path),
    canonicalQuery(parts.query),
    canonicalHeaders,
    parts.signedHeaders.join(';'),
    sha256Hex(parts.body),
  ].join('\n');
}

function buildStringToSign(sdkDate: string, canonicalRequest: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequest)}`;
}

/** Signs a request the way Huawei's SDKs do. Throws when Host or X-Sdk-Date is missing. */
export function signRequest(request: SignableRequest, ak: string, sk: string): Signature {
  const headers = lowerCaseHeaders(request.headers);
  const sdkDate = headers.get('x-sdk-date');
  if (!sdkDate) throw new Error('signRequest: the X-Sdk-Date header is required');
  if (!headers.has('host')) throw new Error('signRequest: the Host header is required');
  const signedHeaders = [...headers.keys()].sort(compareCodeUnits);
  const canonicalRequest = buildCanonicalRequest({
    method: request.method,
    path: request.path,
    query: request.query,
    headers,
    signedHeaders,
    body: request.body ?? '',
  });
  const stringToSign = buildStringToSign(sdkDate, canonicalRequest);
  const signature = hmacHex(sk, stringToSign);
  return {
    authorization: `${SIGNING_ALGORITHM} Access=${ak}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`,
    signature,
    signedHeaders,
    canonicalRequest,
    stringToSign,
  };
}

/** YYYYMMDDTHHMMSSZ in UTC, the X-Sdk-Date format. */
export function formatSdkDate(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function parseSdkDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isNaN(ms) ? undefined : ms;
}

export interface ReceivedRequest {
  method: string;
  /** the raw path as received */
  rawPath: string;
  /** the raw query string, without '?' */
  rawQuery: string;
  /** header values as Node gives them (lower-case names) */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type VerifyResult =
  | { ok: true; ak: string }
  | { ok: false; reason: 'missing' | 'malformed' | 'unknown-ak' | 'bad-date' | 'stale-date' | 'host-not-signed' | 'bad-signature'; message: string };

const AUTHORIZATION_PATTERN = /^SDK-HMAC-SHA256\s+Access=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]+)\s*$/;

function headerValue(headers: ReceivedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Checks an SDK-HMAC-SHA256 signed request; `secretFor` returns the SK of a known AK. */
export function verify(request: ReceivedRequest, secretFor: (ak: string) => string | undefined, nowMs: number): VerifyResult {
  const authorization = headerValue(request.headers, 'authorization');
  if (!authorization) return { ok: false, reason: 'missing', message: 'the Authorization header is missing' };
  const match = AUTHORIZATION_PATTERN.exec(authorization.trim());
  if (!match) return { ok: false, reason: 'malformed', message: 'the Authorization header is not a valid SDK-HMAC-SHA256 signature' };
  const [, ak = '', signedHeaderList = '', signature = ''] = match;
  const signedHeaders = signedHeaderList.toLowerCase().split(';');
  if (!signedHeaders.includes('host')) {
    return { ok: false, reason: 'host-not-signed', message: 'the host header must be among the signed headers' };
  }
  const sdkDate = headerValue(request.headers, 'x-sdk-date');
  const signedAt = sdkDate === undefined ? undefined : parseSdkDate(sdkDate);
  if (sdkDate === undefined || signedAt === undefined) {
    return { ok: false, reason: 'bad-date', message: 'the X-Sdk-Date header is missing or not in YYYYMMDDTHHMMSSZ format' };
  }
  if (Math.abs(nowMs - signedAt) > MAX_CLOCK_SKEW_MS) {
    return { ok: false, reason: 'stale-date', message: 'the X-Sdk-Date is more than 15 minutes away from the server time' };
  }
  const sk = secretFor(ak);
  if (sk === undefined) return { ok: false, reason: 'unknown-ak', message: 'the access key (AK) is unknown' };
  const headers = new Map<string, string>();
  for (const name of signedHeaders) headers.set(name, headerValue(request.headers, name) ?? '');
  const canonicalRequest = buildCanonicalRequest({
    method: request.method,
    path: request.rawPath,
    query: request.rawQuery,
    headers,
    signedHeaders,
    body: request.body,
  });
  const expected = Buffer.from(hmacHex(sk, buildStringToSign(sdkDate, canonicalRequest)), 'hex');
  const given = Buffer.from(signature.toLowerCase(), 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'bad-signature', message: 'the signature does not match the request' };
  }
  return { ok: true, ak };
}
