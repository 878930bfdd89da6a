import 'server-only';
import { logger } from './log';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { getEnv } from './env';
import { processSingleton, processSingletonOf } from './process-singletons';
import { onEveryRequest } from './http-hook';

/**
 * Why this exists: a Next 16 route handler never sees the socket. Under `next start` Next fills
 * `X-Forwarded-For` from the socket only when the request has none
 * (`req.headers['x-forwarded-for'] ??= socket.remoteAddress` in next/dist/server/base-server.js),
 * so a client that sends its own header replaces the peer's address with any text it likes. We
 * therefore stamp every request with its socket peer as it enters Node's HTTP server, in a header
 * carrying a per-process random tag: a client cannot forge the tag, and a stamp it sends is
 * overwritten anyway.
 */
const peerHeader = 'x-scandeck-peer';
function peerTag(): string {
  return processSingleton('peerTag', () => randomBytes(18).toString('base64url'));
}

/** The header a request carries once stamped; tests use it to play a socket peer. */
export function peerStamp(address: string): [string, string] {
  return [peerHeader, `${peerTag()} ${address}`];
}

function stampRequest(req: IncomingMessage): void {
  const [name, value] = peerStamp(req.socket?.remoteAddress ?? '');
  req.headers[name] = value;
}

/** Stamps each request with its socket peer as it enters Node's HTTP server (see http-hook.ts). */
export function installPeerStamp(): Promise<void> {
  return onEveryRequest(stampRequest);
}

/** `::ffff:192.0.2.1` is the IPv4 peer of a dual-stack socket: one address, one count. */
function normalize(address: string): string | null {
  const bare = address.trim().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  const value = mapped ? mapped[1]! : bare;
  return isIP(value) ? value.toLowerCase() : null;
}

function trustedProxies(entries: readonly string[]): BlockList {
  return processSingletonOf('trustedProxies', entries.join(','), () => blockListOf(entries));
}

function blockListOf(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

function isTrusted(address: string, list: BlockList): boolean {
  return list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
}

type HeaderSource = { get(name: string): string | null } | Record<string, unknown> | undefined;

function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if ('get' in headers && typeof headers.get === 'function') return headers.get(name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
}

/** The socket peer from this process's stamp, or null when the request was not stamped by us. */
export function socketPeer(headers: HeaderSource): string | null {
  const stamp = readHeader(headers, peerHeader);
  if (!stamp) return null;
  const space = stamp.indexOf(' ');
  if (space < 0 || stamp.slice(0, space) !== peerTag()) return null;
  return normalize(stamp.slice(space + 1));
}

let warnedUnstamped = false;

/**
 * The client's address: the socket peer; and, only while that peer is a configured trusted proxy,
 * `X-Forwarded-For` read from the right, skipping further trusted proxies, up to the first address
 * a trusted proxy vouches for. Without TRUSTED_PROXIES no forwarding header is believed.
 */
export function clientAddress(headers: HeaderSource, entries: readonly string[] = getEnv().trustedProxies): string {
  const peer = socketPeer(headers);
  if (!peer) {
    if (!warnedUnstamped) {
      warnedUnstamped = true;
      logger().error({ event: 'peer_unstamped' }, 'client address unknown: requests are not stamped with their socket peer (is instrumentation.ts running?)');
    }
    return 'unknown';
  }
  if (entries.length === 0) return peer;
  const list = trustedProxies(entries);
  let client = peer;
  const forwarded = (readHeader(headers, 'x-forwarded-for') ?? '').split(',').slice(-32);
  while (isTrusted(client, list)) {
    const next = forwarded.pop();
    if (next === undefined) break;
    const address = normalize(next);
    // A hop a trusted proxy passed on that is not an address: stop at the proxy that sent it.
    if (!address) break;
    client = address;
  }
  return client;
}
