import type { OrganizationColumn } from '@/lib/schemas/organization-fields';

export const organizationColumnLabels: Record<OrganizationColumn, string> = {
  name: 'Name',
  sci: 'SCI',
  description: 'Description',
  sciOrgId: 'SCI org ID',
  userCount: 'Users',
  vulnScoringSystem: 'Scoring system',
  zoneSelection: 'Zone selection',
  email: 'Email',
  phone: 'Phone',
  city: 'City',
  country: 'Country',
  createdTime: 'Created',
  modifiedTime: 'Modified',
};

const zoneSelectionLabels: Record<string, string> = {
  auto_only: 'Automatic only',
  locked: 'Locked to one zone',
  selectable: 'Selectable',
  'selectable+auto': 'Selectable, automatic by default',
  'selectable+auto_restricted': 'Selectable, automatic restricted',
};

export function formatZoneSelection(value: string | undefined): string {
  if (!value) return '—';
  return zoneSelectionLabels[value] ?? value;
}

/** Restricted IPs arrive as one string; Director separates entries with commas, spaces or new lines. */
export function splitAddresses(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * The href an IP info link may get: only http and https, so a link an SCI administrator typed
 * (javascript:, data:, file:) is shown as text and never followed from ScanDeck.
 */
export function safeLinkHref(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

export function organizationName(org: { id: number; name?: string | undefined }): string {
  return org.name || `Organization ${org.id}`;
}

const groupAssignLabels: Record<string, string> = { all: 'All groups', fullAccess: 'Full access' };

/** How a repository is shared with the organization's groups, as Director's `groupAssign` says. */
export function formatGroupAssign(value: string | undefined): string {
  if (!value) return '—';
  return groupAssignLabels[value] ?? value;
}
