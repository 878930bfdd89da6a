// What a scan's `ipList` may hold, apart from the column lists in scan-fields.ts: the list pages
// import those, and a module's unused exports still ship with it, so the target check stays with the
// scan form and the server's schema.

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const ipv6 = /^[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*$/;
const hostname = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** One target of `ipList`: an address, a CIDR block, a dash range, or a host name. */
export function isScanTarget(token: string): boolean {
  // No target is longer than a host name (253); the IPv6 pattern backtracks on long input.
  if (token.length > 253) return false;
  const [addr, prefix, ...rest] = token.split('/');
  if (rest.length > 0 || addr === undefined) return false;
  if (prefix !== undefined) {
    if (!/^\d{1,3}$/.test(prefix)) return false;
    const bits = Number(prefix);
    if (ipv4.test(addr)) return bits <= 32;
    if (ipv6.test(addr)) return bits <= 128;
    return false;
  }
  const range = addr.split('-');
  if (range.length === 2) {
    const [from, to] = range as [string, string];
    // A reversed range (10.0.0.9-10.0.0.1) is a typing slip Director would scan as nothing.
    return ipv4.test(from) && ipv4.test(to) && ipv4Number(from) <= ipv4Number(to);
  }
  if (ipv4.test(addr) || ipv6.test(addr)) return true;
  // A name whose last label is all digits (10.0.0.256) is a mistyped address, not a host.
  return hostname.test(addr) && !/(^|\.)\d+$/.test(addr);
}

function ipv4Number(address: string): number {
  return address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

/**
 * Splits an `ipList` as typed (commas or new lines) into targets. Spaces do not separate:
 * `not a host!!` is one mistyped target and is reported whole, not as `host!!` alone.
 */
export function splitTargets(ipList: string): string[] {
  return ipList
    .split(/[,\r\n]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}
