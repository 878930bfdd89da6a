// Users table columns and Tenable.sc constants: plain values, no zod, so a page that only lists can import them without the schema library.
/** Director lists administrators under this organization id; the UI calls them "Administrators". */
export const administratorsOrgId = 0;

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

export type UserColumn = keyof typeof userColumns;
