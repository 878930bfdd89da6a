import 'server-only';
import { z } from 'zod';
import type { ListResponse } from '@/lib/schemas/common';
import {
  organizationColumns,
  organizationDetailFields,
  organizationParams,
  organizationRowSchema,
  type ListOrganizationsQuery,
  type OrganizationRow,
} from '@/lib/schemas/organization';
import { directorListCache, freshness, type ListSource } from '../list-cache';
import { applyListQuery, pick, type ListOptions, type SortValue } from '../list';
import { vendorInt, vendorRef, vendorText, vendorTime } from './records';
import { directorFetch } from './transport';

/** Thresholds are documented as whole numbers but nothing forbids a fraction; accept both. */
const vendorNumber = z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);

const namedList = z.array(vendorRef);

/**
 * One organization as Director sends it; shared by the organization pages and the lookups'
 * organization picker. The object schema is the allowlist: unknown keys never reach the browser.
 */
export const vendorOrganizationSchema = z.object({
  id: vendorInt,
  SCI: vendorRef.optional(),
  sciOrgID: vendorInt.optional(),
  name: vendorText.optional(),
  description: vendorText.optional(),
  email: vendorText.optional(),
  address: vendorText.optional(),
  city: vendorText.optional(),
  state: vendorText.optional(),
  country: vendorText.optional(),
  phone: vendorText.optional(),
  fax: vendorText.optional(),
  ipInfoLinks: z.array(z.object({ name: vendorText, link: vendorText })).optional(),
  zoneSelection: vendorText.optional(),
  restrictedIPs: vendorText.optional(),
  vulnScoreLow: vendorNumber.optional(),
  vulnScoreMedium: vendorNumber.optional(),
  vulnScoreHigh: vendorNumber.optional(),
  vulnScoreCritical: vendorNumber.optional(),
  vulnScoringSystem: vendorText.optional(),
  createdTime: vendorTime.optional(),
  modifiedTime: vendorTime.optional(),
  userCount: vendorInt.optional(),
  lces: namedList.optional(),
  repositories: z
    .array(vendorRef.extend({ type: vendorText.optional(), dataFormat: vendorText.optional(), groupAssign: vendorText.optional() }))
    .optional(),
  zones: namedList.optional(),
  nessusManagers: namedList.optional(),
  pubSites: z.array(vendorRef.extend({ type: vendorText.optional() })).optional(),
  ldaps: namedList.optional(),
});
type VendorOrganization = z.output<typeof vendorOrganizationSchema>;

/** Drops keys whose value is undefined, so the JSON carries only what Director sent. */
function present<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const toRef = (r: z.output<typeof vendorRef>) => present({ id: r.id, name: r.name, description: r.description });

/** Director's record → ScanDeck's row (camelCase, typed, allowlisted). */
export function toOrganizationRow(v: VendorOrganization): OrganizationRow {
  const row: OrganizationRow = {
    id: v.id,
    sci: v.SCI && toRef(v.SCI),
    sciOrgId: v.sciOrgID,
    name: v.name,
    description: v.description,
    email: v.email,
    address: v.address,
    city: v.city,
    state: v.state,
    country: v.country,
    phone: v.phone,
    fax: v.fax,
    ipInfoLinks: v.ipInfoLinks,
    zoneSelection: v.zoneSelection,
    restrictedIps: v.restrictedIPs,
    vulnScoreLow: v.vulnScoreLow,
    vulnScoreMedium: v.vulnScoreMedium,
    vulnScoreHigh: v.vulnScoreHigh,
    vulnScoreCritical: v.vulnScoreCritical,
    vulnScoringSystem: v.vulnScoringSystem,
    createdTime: v.createdTime,
    modifiedTime: v.modifiedTime,
    userCount: v.userCount,
    lces: v.lces?.map(toRef),
    repositories: v.repositories?.map((r) => present({ ...toRef(r), type: r.type, dataFormat: r.dataFormat, groupAssign: r.groupAssign })),
    zones: v.zones?.map(toRef),
    nessusManagers: v.nessusManagers?.map(toRef),
    pubSites: v.pubSites?.map((p) => present({ ...toRef(p), type: p.type })),
    ldaps: v.ldaps?.map(toRef),
  };
  return organizationRowSchema.parse(present(row));
}

const organizationRecord = vendorOrganizationSchema.transform(toOrganizationRow);
const records = z.custom<unknown[]>((v) => Array.isArray(v), 'not a list');

/** Reads one record of a list; a record that cannot be read is left out of the list rather than failing it. */
function readOrganization(raw: unknown): OrganizationRow | undefined {
  const parsed = organizationRecord.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

const listKey = 'organizations?';

/** For writers of users elsewhere (security managers): user counts change with them. */
export function invalidateOrganizationLists(): void {
  directorListCache().invalidate(listKey);
}

/** Director fields of every column: one cached list serves every column set. */
export const organizationListFields: string[] = [
  ...new Set(['id', 'sci', 'name', 'description', ...Object.values(organizationColumns)]),
].sort();

/** Keys every organization row carries whatever the columns. */
const alwaysKeys = ['id', 'sci', 'name', 'description'] as const;

function sortValue(row: OrganizationRow, key: string): SortValue {
  if (key === 'sci') return row.sci?.name;
  const value = row[key as keyof OrganizationRow];
  return typeof value === 'object' ? undefined : value;
}

const listOptions: ListOptions<OrganizationRow> = {
  searchText: (r) => [r.name, r.description, r.id, r.sci?.name, r.email, r.city, r.country],
  sortValue,
};

const organizationSource: ListSource<OrganizationRow> = {
  load: () => directorFetch({ path: '/mgmt/organization', query: { fields: organizationListFields.join(',') }, schema: records }),
  read: readOrganization,
  options: listOptions,
};

export async function listOrganizations(query: ListOrganizationsQuery): Promise<ListResponse<OrganizationRow>> {
  const { list, fetchedAt } = await directorListCache().get(listKey, organizationSource, { refresh: query.refresh });
  // Director's organization list takes no SCI filter, so the whole list is kept and filtered here
  // (organizations number in the hundreds, not the hundred thousands).
  const page =
    query.sciId === undefined ? list.query(query) : applyListQuery(list.all().filter((o) => o.sci?.id === query.sciId), query, listOptions);
  // Rows carry the columns asked for; without columns, what Director sends by default.
  const keys = [...alwaysKeys, ...(query.columns ?? ['sciOrgId'])];
  return { ...page, items: page.items.map((row) => pick(row, keys)), ...freshness(fetchedAt) };
}

export function getOrganization(orgId: string): Promise<OrganizationRow> {
  const { orgId: id } = organizationParams.parse({ orgId });
  return directorFetch({
    path: `/mgmt/organization/${encodeURIComponent(id)}`,
    query: { fields: organizationDetailFields.join(',') },
    schema: organizationRecord,
  });
}
