import type { ChosenItem } from '@/components/data-table/row-selection';
import type { KnownValues } from '@/components/ui/vendor-value-badge';
import type { ScanSelectionItem } from '@/lib/schemas/scan';
import type { ScanColumn } from '@/lib/schemas/scan-fields';

export const scanColumnLabels: Record<ScanColumn, string> = {
  name: 'Name',
  description: 'Description',
  status: 'Status',
  sci: 'SCI',
  organization: 'Organization',
  sciScanId: 'SCI scan ID',
  type: 'Type',
  policy: 'Policy',
  owner: 'Owner',
  creator: 'Creator',
  repository: 'Repository',
  zone: 'Zone',
  plugin: 'Plugin',
  ipList: 'Targets',
  dhcpTracking: 'DHCP tracking',
  classifyMitigatedAge: 'Classify mitigated after (days)',
  emailOnLaunch: 'Email on launch',
  emailOnFinish: 'Email on finish',
  timeoutAction: 'On timeout',
  scanningVirtualHosts: 'Scan virtual hosts',
  rolloverType: 'Rollover type',
  maxScanTime: 'Max scan time',
  createdTime: 'Created',
  modifiedTime: 'Modified',
  schedule: 'Schedule',
};

/** Director stores seconds; people think in hours. null means no limit. */
export function formatMaxScanTime(seconds: number | null | undefined): string {
  if (seconds === undefined) return '—';
  if (seconds === null) return 'Unlimited';
  const hours = seconds / 3600;
  if (Number.isInteger(hours)) return hours === 1 ? '1 hour' : `${hours} hours`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${hours.toFixed(1)} hours`;
}

/** A reference by name, else by id (zone -1 is Director's "All Zones"), else by uuid; "" when it names nothing. */
export function refText(value: { uuid?: string | undefined; id?: number | undefined; name?: string | undefined }): string {
  if (value.name) return value.name;
  if (value.id !== undefined) return `#${value.id}`;
  return value.uuid ?? '';
}

const timeoutActionLabels: Record<string, string> = {
  discard: 'Discard results',
  import: 'Import results',
  rollover: 'Import and roll over',
};
export function formatTimeoutAction(value: string | undefined): string {
  if (!value) return '—';
  return timeoutActionLabels[value] ?? value;
}

const rolloverLabels: Record<string, string> = { nextDay: 'Next day', template: 'Template' };
/**
 * A scan's plugin by name. Director's list sends only the id, a Nessus plugin id (Tenable's plugin
 * pages are named by it), so the id is said as what it is rather than shown bare.
 */
export function pluginLabel(plugin: { id: number; name?: string | undefined }): string {
  return plugin.name ?? `Nessus plugin ${plugin.id}`;
}

export function formatRolloverType(value: string | undefined): string {
  if (!value) return '—';
  return rolloverLabels[value] ?? value;
}

/**
 * Director documents a scan's `status` without meanings; its examples show "0" for every scan, an
 * ordinary one. So "0" reads "Normal" (see docs/vendor-notes.md) and any other value reads
 * "Unknown (code 7)", never a bare number.
 */
export const knownScanStatuses = { '0': { label: 'Normal', tone: 'neutral' } } as const satisfies KnownValues;

/** A scan as its checkbox and a bulk deletion name it: "Weekly DMZ · SCI East". */
export function scanChosenItem(scan: ScanSelectionItem): ChosenItem {
  return { id: String(scan.id), label: scan.name || `Scan ${scan.id}`, detail: scan.sci?.name };
}
