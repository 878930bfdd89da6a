// Scans table columns: plain values, no zod, so a page that only lists can import them without the schema library.

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

export type ScanColumn = keyof typeof scanColumns;
