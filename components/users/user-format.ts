import type { UserRow } from '@/lib/schemas/user';
import { administratorsOrgId, builtInRoles, type UserColumn } from '@/lib/schemas/user-fields';

export const userColumnLabels: Record<UserColumn, string> = {
  username: 'Username',
  firstname: 'First name',
  lastname: 'Last name',
  email: 'Email',
  sci: 'SCI',
  organization: 'Organization',
  role: 'Role',
  group: 'Group',
  sciUserId: 'SCI user ID',
  title: 'Title',
  phone: 'Phone',
  city: 'City',
  country: 'Country',
};

export const administratorsLabel = 'Administrators';

export function isAdministrator(user: Pick<UserRow, 'organization'>): boolean {
  return user.organization?.id === administratorsOrgId;
}

/** Director calls the pseudo-organization of administrators "Administrator" with id 0; people read "Administrators". */
export function organizationLabel(organization: { id: number; name: string }): string {
  if (organization.id === administratorsOrgId) return administratorsLabel;
  return organization.name || `Organization ${organization.id}`;
}

/** The id always shows, since an SCI may rename a built-in role or add its own. */
export function roleLabel(roleId: number | undefined): string {
  if (roleId === undefined) return '—';
  const name = builtInRoles[roleId];
  return name ? `${name} (${roleId})` : `Role ${roleId}`;
}

/**
 * Tenable.sc gives administrators group -1 (no group); 0 is its built-in "Full Access" group (the
 * security-manager document's example). Director names no other group, so another id reads
 * "Unknown group (id 7)", never a bare code.
 */
export function groupLabel(groupId: number | undefined): string {
  if (groupId === undefined) return '—';
  if (groupId < 0) return 'None';
  if (groupId === 0) return 'Full Access';
  return `Unknown group (id ${groupId})`;
}

export function fullName(user: Pick<UserRow, 'firstname' | 'lastname'>): string {
  return [user.firstname, user.lastname].filter(Boolean).join(' ');
}
