import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Test-only: a loopback HTTP server whose answer per path is scripted, and that counts its sockets. */

export type Behaviour = (req: IncomingMessage, res: ServerResponse) => void;

/** Text that must never reach the browser: it stands for an upstream's internals. */
export const leakMarker = 'INTERNAL-UPSTREAM-DETAIL-7f3a';

export function envelope(response: unknown, errorCode = 0, errorMsg = ''): string {
  return JSON.stringify({ type: 'regular', response, error_code: errorCode, error_msg: errorMsg, warnings: [], timestamp: 1 });
}

const json =
  (status: number, body: string, headers: Record<string, string> = {}): Behaviour =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };

/** The faults of the issue, as scripted answers. */
export const faults = {
  hang: (): Behaviour => () => {},
  slow:
    (ms: number, body = envelope([])): Behaviour =>
    (_req, res) => {
      setTimeout(() => {
        if (!res.destroyed) json(200, body)(_req, res);
      }, ms);
    },
  reset: (): Behaviour => (req) => req.socket.destroy(),
  html500: (): Behaviour => (_req, res) => {
    res.writeHead(500, { 'content-type': 'text/html' });
    res.end(`<html><body><h1>Internal Server Error</h1><pre>${leakMarker} at /opt/sc/www/rest.php:42</pre></body></html>`);
  },
  /** Content-Length promises more than is sent, then the socket closes. */
  truncated: (): Behaviour => (_req, res) => {
    const body = envelope([{ id: '1', name: leakMarker }]);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length + 100) });
    res.write(body.slice(0, 40));
    setTimeout(() => res.destroy(), 10);
  },
  /** A complete HTTP answer whose JSON stops half-way. */
  truncatedJson: (): Behaviour => json(200, envelope([{ id: '1', name: leakMarker }]).slice(0, 45)),
  errorCode200: (): Behaviour => json(200, envelope('', 12, 'Unable to retrieve scans')),
  hssError: (): Behaviour => json(400, JSON.stringify({ error_code: 'HSS.1001', error_msg: `${leakMarker} invalid parameter`, request_id: 'hss-req-1' })),
  gatewayError: (): Behaviour =>
    json(401, JSON.stringify({ error_code: 'APIGW.0301', error_msg: `Incorrect IAM authentication information: ${leakMarker}`, request_id: 'gw-req-1' })),
  gatewayHtml502: (): Behaviour => (_req, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end(`<html><head><title>502 Bad Gateway</title></head><body><center>nginx ${leakMarker}</center></body></html>`);
  },
  /**
   * `bytes` of a JSON-looking body, streamed; with or without a Content-Length. `sent` says how much
   * of it was written before the client closed the connection (`ended`).
   */
  huge: (bytes: number, declared: boolean): Behaviour & { readonly sent: number; readonly ended: boolean } => {
    const progress = { sent: 0, ended: false };
    const behaviour: Behaviour = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': String(bytes) } : {}) });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (progress.sent < bytes && !progress.ended) {
          const n = Math.min(chunk.length, bytes - progress.sent);
          progress.sent += n;
          if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (progress.ended = true));
      pump();
    };
    // defineProperties, not Object.assign: assign would copy the getters' values once.
    return Object.defineProperties(behaviour, {
      sent: { get: () => progress.sent },
      ended: { get: () => progress.ended },
    }) as Behaviour & { readonly sent: number; readonly ended: boolean };
  },
  redirect:
    (location: string): Behaviour =>
    (_req, res) => {
      res.writeHead(302, { location, 'content-type': 'text/html' });
      res.end(`<a href="${location}">moved</a>`);
    },
  status: (status: number, body: string, headers: Record<string, string> = {}): Behaviour => json(status, body, headers),
};

export interface ScriptedUpstream {
  url: string;
  /** path (without query) → behaviour; unmatched paths answer an empty Director list */
  script: Map<string, Behaviour>;
  /** requests seen, in order */
  seen: Array<{ method: string; path: string; at: number }>;
  /** sockets open right now */
  openSockets(): number;
  /** most requests that were being answered at the same moment */
  maxInFlight(): number;
  resetCounters(): void;
  /** Closes every open connection, so calls hung on this upstream end now (as a reset). */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startScriptedUpstream(): Promise<ScriptedUpstream> {
  const script = new Map<string, Behaviour>();
  const seen: ScriptedUpstream['seen'] = [];
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    seen.push({ method: req.method ?? '', path, at: Date.now() });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let counted = true;
    const done = () => {
      if (counted) inFlight -= 1;
      counted = false;
    };
    res.on('close', done);
    req.resume();
    (script.get(path) ?? json(200, envelope([])))(req, res);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    script,
    seen,
    openSockets: () => sockets.size,
    maxInFlight: () => maxInFlight,
    resetCounters: () => {
      seen.length = 0;
      maxInFlight = inFlight;
    },
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
