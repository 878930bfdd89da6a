import { z } from 'zod';
import { columnsParam, refreshParam, unreadableSchema, listQuery, listResponse, numericId, refSchema, postalFields } from './common';
import { organizationColumnIds, sortableOrganizationColumns } from './organization-fields';
export {
  organizationColumns,
  organizationColumnIds,
  defaultOrganizationColumns,
  sortableOrganizationColumns,
  zoneSelections,
  type OrganizationColumn,
} from './organization-fields';

export const ipInfoLinkSchema = z.object({ name: z.string(), link: z.string() });
export type IpInfoLink = z.infer<typeof ipInfoLinkSchema>;

export const orgRepositorySchema = refSchema.extend({
  type: z.string().optional(),
  dataFormat: z.string().optional(),
  groupAssign: z.string().optional(),
});
export type OrgRepository = z.infer<typeof orgRepositorySchema>;

export const orgPubSiteSchema = refSchema.extend({ type: z.string().optional() });

/**
 * One organization as ScanDeck serves it. Only `id` and `sci` always come back (Director's `*`
 * fields); the rest depend on the `fields` asked for, so they are optional.
 */
export const organizationRowSchema = z.object({
  id: z.number().int(),
  sci: refSchema.optional(),
  sciOrgId: z.number().int().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  email: z.string().optional(),
  ...postalFields,
  ipInfoLinks: z.array(ipInfoLinkSchema).optional(),
  zoneSelection: z.string().optional(),
  /** addresses and ranges as Director lists them (comma or space separated) */
  restrictedIps: z.string().optional(),
  vulnScoreLow: z.number().optional(),
  vulnScoreMedium: z.number().optional(),
  vulnScoreHigh: z.number().optional(),
  vulnScoreCritical: z.number().optional(),
  vulnScoringSystem: z.string().optional(),
  /** ISO 8601 */
  createdTime: z.string().optional(),
  modifiedTime: z.string().optional(),
  userCount: z.number().int().optional(),
  lces: z.array(refSchema).optional(),
  repositories: z.array(orgRepositorySchema).optional(),
  zones: z.array(refSchema).optional(),
  nessusManagers: z.array(refSchema).optional(),
  pubSites: z.array(orgPubSiteSchema).optional(),
  ldaps: z.array(refSchema).optional(),
});
export type OrganizationRow = z.infer<typeof organizationRowSchema>;
// Every column is a field of the row; checked here, beside the row, so organization-fields.ts (plain values for
// list pages) needs nothing from this file.
organizationColumnIds satisfies readonly (keyof OrganizationRow)[];

/** Every field the detail page shows; Director's single GET is asked for all of them by name. */
export const organizationDetailFields = [
  'id',
  'sci',
  'sciOrganization',
  'name',
  'description',
  'email',
  'address',
  'city',
  'state',
  'country',
  'phone',
  'fax',
  'ipInfoLinks',
  'zoneSelection',
  'restrictedIPs',
  'vulnScoreLow',
  'vulnScoreMedium',
  'vulnScoreHigh',
  'vulnScoreCritical',
  'vulnScoringSystem',
  'createdTime',
  'modifiedTime',
  'userCount',
  'lces',
  'repositories',
  'zones',
  'nessusManagers',
  'pubSites',
  'ldaps',
] as const;

const columnList = columnsParam(organizationColumnIds);

export const listOrganizationsQuery = listQuery.extend({
  sort: z.enum(sortableOrganizationColumns).optional(),
  sciId: z.coerce.number().int().positive().optional(),
  /** visible columns; decides the `fields` asked of Director */
  columns: columnList.optional(),
  refresh: refreshParam,
});
export type ListOrganizationsQuery = z.infer<typeof listOrganizationsQuery>;

export const listOrganizationsResponse = listResponse(organizationRowSchema);
export const organizationDetailResponse = organizationRowSchema.extend({ unreadable: unreadableSchema.optional() });
export type OrganizationDetail = z.infer<typeof organizationDetailResponse>;

/** Director's single organization GET takes a numeric id only (no uuid form is documented). */
export const organizationParams = z.object({ orgId: numericId });
