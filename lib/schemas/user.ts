import { z } from 'zod';
import { columnsParam, unreadableSchema, idOrUuid, listQuery, listResponse, refSchema } from './common';

/** Director lists administrators under this organization id; the UI calls them "Administrators". */
export const administratorsOrgId = 0;

/**
 * One Director user as ScanDeck serves it. The ids, SCI and organization always come back
 * (Director's `*` fields) and are absent only when they could not be read; names and contact
 * details depend on the `fields` asked for.
 */
export const userRowSchema = z.object({
  id: z.number().int(),
  uuid: z.string().optional(),
  sciUserId: z.number().int().optional(),
  sciRoleId: z.number().int().optional(),
  sciGroupId: z.number().int().optional(),
  sci: refSchema.optional(),
  /** id 0 = the SCI's administrators, who belong to no organization */
  organization: refSchema.optional(),
  username: z.string().optional(),
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  email: z.string().optional(),
  title: z.string().optional(),
  address: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  country: z.string().optional(),
  phone: z.string().optional(),
  fax: z.string().optional(),
});
export type UserRow = z.infer<typeof userRowSchema>;

/** Columns of the users table with the Director field each needs (`null`: always sent). */
export const userColumns = {
  username: 'username',
  firstname: 'firstname',
  lastname: 'lastname',
  email: 'email',
  sci: null,
  organization: null,
  role: null,
  group: null,
  sciUserId: null,
  title: 'title',
  phone: 'phone',
  city: 'city',
  country: 'country',
} as const;
export type UserColumn = keyof typeof userColumns;
export const userColumnIds = Object.keys(userColumns) as UserColumn[];

export const defaultUserColumns: UserColumn[] = ['username', 'firstname', 'lastname', 'email', 'sci', 'organization', 'role', 'group'];

export const sortableUserColumns = [
  'id',
  'username',
  'firstname',
  'lastname',
  'email',
  'sci',
  'organization',
  'role',
  'group',
  'sciUserId',
  'title',
  'city',
  'country',
] as const;

const columnList = columnsParam(userColumnIds);

export const listUsersQuery = listQuery.extend({
  sort: z.enum(sortableUserColumns).optional(),
  sciId: z.coerce.number().int().positive().optional(),
  /** 0 lists administrators */
  orgId: z.coerce.number().int().nonnegative().optional(),
  columns: columnList.optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const listUsersResponse = listResponse(userRowSchema);
export const userDetailResponse = userRowSchema.extend({ unreadable: unreadableSchema.optional() });
export type UserDetail = z.infer<typeof userDetailResponse>;

export const userParams = z.object({ id: idOrUuid });

/**
 * Tenable.sc's built-in roles. Custom roles have other ids, and an SCI may rename these, so the UI
 * always shows the id beside the name.
 */
export const builtInRoles: Record<number, string> = {
  1: 'Administrator',
  2: 'Security Manager',
  3: 'Security Analyst',
  4: 'Vulnerability Analyst',
  5: 'Executive',
  6: 'Credential Manager',
  7: 'Auditor',
};
