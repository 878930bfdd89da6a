// Organizations table columns: plain values, no zod, so a page that only lists can import them without the schema library.

/**
 * Columns of the organizations table, each with the Director field it needs; the column chooser
 * picks these and the BFF turns them into Director's `fields` list.
 */
export const organizationColumns = {
  name: 'name',
  sci: 'sci',
  description: 'description',
  sciOrgId: 'sciOrganization',
  userCount: 'userCount',
  vulnScoringSystem: 'vulnScoringSystem',
  zoneSelection: 'zoneSelection',
  email: 'email',
  phone: 'phone',
  city: 'city',
  country: 'country',
  createdTime: 'createdTime',
  modifiedTime: 'modifiedTime',
} as const;

export const organizationColumnIds = Object.keys(organizationColumns) as OrganizationColumn[];

export const defaultOrganizationColumns: OrganizationColumn[] = ['name', 'sci', 'description', 'userCount', 'vulnScoringSystem', 'createdTime', 'modifiedTime'];

export const sortableOrganizationColumns = [
  'id',
  'name',
  'sci',
  'description',
  'sciOrgId',
  'userCount',
  'vulnScoringSystem',
  'zoneSelection',
  'email',
  'city',
  'country',
  'createdTime',
  'modifiedTime',
] as const;

/** Director's zone selection modes, as its organization settings name them. */
export const zoneSelections = ['auto_only', 'locked', 'selectable', 'selectable+auto', 'selectable+auto_restricted'] as const;

export type OrganizationColumn = keyof typeof organizationColumns;
