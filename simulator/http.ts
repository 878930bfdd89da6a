import type { IncomingMessage, ServerResponse } from 'node:http';

/** A parsed request as the simulator's handlers see it. */
export interface SimRequest {
  method: string;
  /** path without the query string, percent-decoding left to the handler */
  path: string;
  /** the raw path as sent (for signature checks) */
  rawPath: string;
  query: URLSearchParams;
  /** the raw query string without `?` (for signature checks) */
  rawQuery: string;
  headers: IncomingMessage['headers'];
  /** raw body bytes */
  body: Buffer;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** serialised as JSON unless a string or Buffer */
  body?: unknown;
}

export type SimHandler = (req: SimRequest) => Promise<SimResponse | undefined> | SimResponse | undefined;

export async function readRequest(req: IncomingMessage, limitBytes = 5 * 1024 * 1024): Promise<SimRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limitBytes) throw new Error('body too large');
    chunks.push(buf);
  }
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  const rawPath = q === -1 ? raw : raw.slice(0, q);
  const rawQuery = q === -1 ? '' : raw.slice(q + 1);
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: rawPath,
    rawPath,
    query: new URLSearchParams(rawQuery),
    rawQuery,
    headers: req.headers,
    body: Buffer.concat(chunks),
  };
}

export function writeResponse(res: ServerResponse, out: SimResponse): void {
  const headers: Record<string, string> = { ...(out.headers ?? {}) };
  let payload: string | Buffer | undefined;
  if (out.body === undefined) payload = undefined;
  else if (typeof out.body === 'string' || Buffer.isBuffer(out.body)) payload = out.body;
  else {
    payload = JSON.stringify(out.body);
    headers['content-type'] ??= 'application/json;charset=UTF-8';
  }
  res.writeHead(out.status, headers);
  res.end(payload);
}

/** Parses a JSON body; undefined when empty, throws SyntaxError when malformed. */
export function jsonBody(req: SimRequest): unknown {
  if (req.body.length === 0) return undefined;
  return JSON.parse(req.body.toString('utf8'));
}
