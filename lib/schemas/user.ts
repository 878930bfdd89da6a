import { z } from 'zod';
import { columnsParam, refreshParam, unreadableSchema, idOrUuid, listQuery, listResponse, refSchema, postalFields } from './common';
import { userColumnIds, sortableUserColumns } from './user-fields';
export { administratorsOrgId, userColumns, userColumnIds, defaultUserColumns, sortableUserColumns, builtInRoles, type UserColumn } from './user-fields';

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
  ...postalFields,
});
export type UserRow = z.infer<typeof userRowSchema>;

const columnList = columnsParam(userColumnIds);

export const listUsersQuery = listQuery.extend({
  sort: z.enum(sortableUserColumns).optional(),
  sciId: z.coerce.number().int().positive().optional(),
  /** 0 lists administrators */
  orgId: z.coerce.number().int().nonnegative().optional(),
  columns: columnList.optional(),
  refresh: refreshParam,
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const listUsersResponse = listResponse(userRowSchema);
export const userDetailResponse = userRowSchema.extend({ unreadable: unreadableSchema.optional() });
export type UserDetail = z.infer<typeof userDetailResponse>;

export const userParams = z.object({ id: idOrUuid });
