import type { BadgeTone } from '@/components/ui/badge';
import type { ChosenItem } from '@/components/data-table/row-selection';
import type { AuthType, SecurityManagerColumn, SecurityManagerRow, SecurityManagerSelectionItem } from '@/lib/schemas/security-manager';

export const securityManagerColumnLabels: Record<SecurityManagerColumn, string> = {
  username: 'Username',
  firstname: 'First name',
  lastname: 'Last name',
  status: 'Status',
  title: 'Title',
  email: 'Email',
  phone: 'Phone',
  authType: 'Sign-in',
  role: 'Role',
  group: 'Group',
  responsibleAsset: 'Responsible asset',
  locked: 'Locked',
  failedLogins: 'Failed logins',
  lastLogin: 'Last login',
  passwordExpires: 'Password expires',
  passwordSetDate: 'Password set',
  createdTime: 'Created',
  modifiedTime: 'Modified',
};

export const authTypeLabels: Record<AuthType, string> = {
  tns: 'Tenable.sc password (tns)',
  legacy: 'Legacy password',
  ldap: 'LDAP',
  saml: 'SAML',
  linked: 'Linked to an administrator',
  linked_non_admin: 'Linked, non-admin (SM-Linked)',
};

export function formatAuthType(value: string | undefined): string {
  if (!value) return '—';
  return authTypeLabels[value as AuthType] ?? value;
}

export const emailNoticeLabels: Record<string, string> = {
  '': 'Do not e-mail (default)',
  none: 'Do not e-mail',
  id: 'E-mail the username',
  password: 'E-mail the password notice',
  both: 'E-mail username and password notice',
};

/** "Jane Doe (jdoe)", or whatever part is known. */
export function managerName(row: Pick<SecurityManagerRow, 'id' | 'username' | 'firstname' | 'lastname'>): string {
  const person = [row.firstname, row.lastname].filter(Boolean).join(' ');
  if (person && row.username) return `${person} (${row.username})`;
  return person || row.username || `Security manager ${row.id}`;
}

/** A manager as its checkbox and a bulk deletion name it. */
export function managerChosenItem(row: SecurityManagerSelectionItem): ChosenItem {
  return { id: String(row.id), label: managerName(row) };
}

export function lockState(row: Pick<SecurityManagerRow, 'locked'>): { label: string; tone: BadgeTone } | undefined {
  if (row.locked === undefined) return undefined;
  return row.locked ? { label: 'Locked', tone: 'danger' } : { label: 'Active', tone: 'success' };
}

export function timezoneOf(row: Pick<SecurityManagerRow, 'preferences'>): string | undefined {
  return row.preferences?.find((p) => p.name === 'timezone')?.value;
}

/**
 * A group by the name the SCI sent; without one, Tenable.sc's built-in groups by their own names
 * (0 "Full Access", -1 "All Groups", as the security-manager document's examples name them), any
 * other as "Unknown group (id 7)", never a bare code.
 */
export function groupName(group: { id: number; name?: string | undefined }): string {
  if (group.name) return group.name;
  if (group.id === 0) return 'Full Access';
  if (group.id === -1) return 'All Groups';
  return `Unknown group (id ${group.id})`;
}
