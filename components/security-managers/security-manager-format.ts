import type { BadgeTone } from '@/components/ui/badge';
import type { AuthType, SecurityManagerColumn, SecurityManagerRow } from '@/lib/schemas/security-manager';

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

export function lockState(row: Pick<SecurityManagerRow, 'locked'>): { label: string; tone: BadgeTone } | undefined {
  if (row.locked === undefined) return undefined;
  return row.locked ? { label: 'Locked', tone: 'danger' } : { label: 'Active', tone: 'success' };
}

export function timezoneOf(row: Pick<SecurityManagerRow, 'preferences'>): string | undefined {
  return row.preferences?.find((p) => p.name === 'timezone')?.value;
}
