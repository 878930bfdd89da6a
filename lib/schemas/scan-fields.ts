// Scans table columns and scan constants: plain values, no zod, so a page that only lists can import them without the schema library.

export const timeoutActions = ['discard', 'import', 'rollover'] as const;

export const rolloverTypes = ['nextDay', 'template'] as const;

export const scheduleTypes = ['never', 'template', 'ical', 'rollover', 'dependent'] as const;

export const scanTypes = ['policy', 'plugin'] as const;

/**
 * Columns of the scans table, each with the Director field it needs. The column chooser
 * picks these; the BFF turns them into Director's `fields` list.
 */
export const scanColumns = {
  name: 'name',
  description: 'description',
  status: 'status',
  sci: 'SCI',
  organization: 'organization',
  sciScanId: 'sciScanID',
  type: 'type',
  policy: 'policy',
  owner: 'owner',
  creator: 'creator',
  repository: 'repository',
  zone: 'zone',
  plugin: 'plugin',
  ipList: 'ipList',
  dhcpTracking: 'dhcpTracking',
  classifyMitigatedAge: 'classifyMitigatedAge',
  emailOnLaunch: 'emailOnLaunch',
  emailOnFinish: 'emailOnFinish',
  timeoutAction: 'timeoutAction',
  scanningVirtualHosts: 'scanningVirtualHosts',
  rolloverType: 'rolloverType',
  maxScanTime: 'maxScanTime',
  createdTime: 'createdTime',
  modifiedTime: 'modifiedTime',
  schedule: 'schedule',
} as const;

export const scanColumnIds = Object.keys(scanColumns) as ScanColumn[];

/** What Director sends when no `fields` list is given (its `**` fields), and the table's default. */
export const defaultScanColumns: ScanColumn[] = ['name', 'description', 'status', 'sci', 'organization'];

/** Columns a list can be sorted by (values that compare meaningfully). */
export const sortableScanColumns = [
  'id',
  'name',
  'description',
  'status',
  'sci',
  'organization',
  'type',
  'policy',
  'owner',
  'creator',
  'repository',
  'zone',
  'createdTime',
  'modifiedTime',
  'maxScanTime',
] as const;

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

export type ScanColumn = keyof typeof scanColumns;
