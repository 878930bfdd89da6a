import 'server-only';
import { createHash, createHmac } from 'node:crypto';

/**
 * Huawei Cloud API Gateway request signing (SDK-HMAC-SHA256), as Huawei's SDK signers compute it.
 * Pure: the same request, date and key pair always give the same signature, so it is checked
 * against the published vectors and against the official SDK's signer.
 */

export const signingAlgorithm = 'SDK-HMAC-SHA256';

export interface SignInput {
  method: string;
  /** the path as it goes on the wire (segments percent-encoded or plain; each is decoded then re-encoded) */
  path: string;
  /** query pairs in any order; repeated keys allowed */
  query: ReadonlyArray<readonly [string, string]>;
  /** every header given here is signed; `host` and `x-sdk-date` are required */
  headers: Readonly<Record<string, string>>;
  body: string;
}

export interface SignOutput {
  authorization: string;
  signedHeaders: string;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

/** RFC 3986: only A-Z a-z 0-9 - _ . ~ stay literal; everything else as UTF-8 %XX. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function canonicalUri(path: string): string {
  const encoded = path
    .split('/')
    .map((segment) => percentEncode(decodeSegment(segment)))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorted by the raw key, then the raw value (UTF-16 code units), then encoded: the order the
 * SDK signers use, which differs from sorting encoded strings once a key holds non-ASCII text.
 */
export function canonicalQuery(query: SignInput['query']): string {
  return [...query]
    .sort((a, b) => byCodeUnits(a[0], b[0]) || byCodeUnits(a[1], b[1]))
    .map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`)
    .join('&');
}

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

/** YYYYMMDDTHHMMSSZ in UTC. */
export function sdkDate(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function signRequest(input: SignInput, credentials: { ak: string; sk: string }): SignOutput {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(input.headers)) headers.set(name.toLowerCase(), value.trim());
  const date = headers.get('x-sdk-date');
  if (!date) throw new Error('signRequest: x-sdk-date is required');
  if (!headers.get('host')) throw new Error('signRequest: host is required');
  const names = [...headers.keys()].sort(byCodeUnits);
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalUri(input.path),
    canonicalQuery(input.query),
    names.map((name) => `${name}:${headers.get(name) ?? ''}\n`).join(''),
    signedHeaders,
    sha256Hex(input.body),
  ].join('\n');
  const stringToSign = `${signingAlgorithm}\n${date}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac('sha256', credentials.sk).update(stringToSign, 'utf8').digest('hex');
  return {
    authorization: `${signingAlgorithm} Access=${credentials.ak}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    signedHeaders,
    canonicalRequest,
    stringToSign,
    signature,
  };
}
