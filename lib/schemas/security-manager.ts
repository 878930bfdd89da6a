import { z } from 'zod';
import { columnsParam, idOrUuid, listQuery, listResponse, numericId, refSchema, uuid, postalFields } from './common';

export const authTypes = ['tns', 'legacy', 'ldap', 'saml', 'linked', 'linked_non_admin'] as const;
export type AuthType = (typeof authTypes)[number];
export const emailNotices = ['', 'none', 'id', 'password', 'both'] as const;
export type EmailNotice = (typeof emailNotices)[number];

export const isLinkedAuth = (authType: AuthType | undefined) => authType === 'linked' || authType === 'linked_non_admin';
export const usesLocalPassword = (authType: AuthType | undefined) => authType === 'tns' || authType === 'legacy';

/**
 * The role an auth type needs (the document: linked_non_admin takes the SM-Linked role, the rest the
 * Security Manager role). Role ids differ between instances, so the server looks them up by name.
 */
export function roleNameFor(authType: AuthType): 'SM-Linked' | 'Security Manager' {
  return authType === 'linked_non_admin' ? 'SM-Linked' : 'Security Manager';
}

export const preferenceSchema = z.object({ name: z.string(), value: z.string(), tag: z.string() });

const personSchema = z.object({
  id: z.number().int(),
  uuid: z.string(),
  username: z.string(),
  firstname: z.string(),
  lastname: z.string(),
});

/**
 * One security manager as ScanDeck serves it, with the ids of the SCI it lives on (its id, role,
 * group, asset, LDAP server, parent). There is no password field: the SCI's "SET" becomes
 * `hasPassword`, so not even a hash can reach the browser. Only id and uuid always come back.
 */
export const securityManagerRowSchema = z.object({
  id: z.number().int(),
  uuid: z.string(),
  username: z.string().optional(),
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  status: z.number().int().optional(),
  title: z.string().optional(),
  email: z.string().optional(),
  ...postalFields,
  description: z.string().optional(),
  /** ISO 8601 */
  createdTime: z.string().optional(),
  modifiedTime: z.string().optional(),
  /** ISO 8601; null when the manager never signed in */
  lastLogin: z.string().nullable().optional(),
  lastLoginIp: z.string().optional(),
  mustChangePassword: z.boolean().optional(),
  passwordExpires: z.boolean().optional(),
  /** days */
  passwordExpiration: z.number().int().optional(),
  passwordExpirationOverride: z.boolean().optional(),
  /** ISO 8601; null when no password was ever set */
  passwordSetDate: z.string().nullable().optional(),
  locked: z.boolean().optional(),
  failedLogins: z.number().int().optional(),
  authType: z.string().optional(),
  fingerprint: z.string().nullable().optional(),
  hasPassword: z.boolean().optional(),
  managedUsersGroups: z.array(refSchema).optional(),
  managedObjectsGroups: z.array(refSchema).optional(),
  preferences: z.array(preferenceSchema).optional(),
  canUse: z.boolean().optional(),
  canManage: z.boolean().optional(),
  role: refSchema.nullable().optional(),
  responsibleAsset: refSchema.extend({ uuid: z.string().optional() }).nullable().optional(),
  group: refSchema.nullable().optional(),
  ldapUsername: z.string().optional(),
  ldap: refSchema.nullable().optional(),
  parent: z.object({ user: personSchema, organization: refSchema.nullable() }).nullable().optional(),
  linkedUserRole: refSchema.nullable().optional(),
});
export type SecurityManagerRow = z.infer<typeof securityManagerRowSchema>;
/** A security manager as a bulk action's confirmation names it. */
export type SecurityManagerSelectionItem = Pick<SecurityManagerRow, 'id' | 'username' | 'firstname' | 'lastname'>;

/** Table columns and the Director field each needs; the column chooser decides the `fields` asked for. */
export const securityManagerColumns = {
  username: 'username',
  firstname: 'firstname',
  lastname: 'lastname',
  status: 'status',
  title: 'title',
  email: 'email',
  phone: 'phone',
  authType: 'authType',
  role: 'role',
  group: 'group',
  responsibleAsset: 'responsibleAsset',
  locked: 'locked',
  failedLogins: 'failedLogins',
  lastLogin: 'lastLogin',
  passwordExpires: 'passwordExpires',
  passwordSetDate: 'passwordSetDate',
  createdTime: 'createdTime',
  modifiedTime: 'modifiedTime',
} as const satisfies Partial<Record<keyof SecurityManagerRow, string>>;
export type SecurityManagerColumn = keyof typeof securityManagerColumns;
export const securityManagerColumnIds = Object.keys(securityManagerColumns) as SecurityManagerColumn[];
export const defaultSecurityManagerColumns: SecurityManagerColumn[] = ['firstname', 'lastname', 'email', 'authType', 'role', 'locked', 'lastLogin'];

export const sortableSecurityManagerColumns = [
  'id',
  'username',
  'firstname',
  'lastname',
  'status',
  'title',
  'email',
  'authType',
  'role',
  'locked',
  'failedLogins',
  'lastLogin',
  'passwordSetDate',
  'createdTime',
  'modifiedTime',
] as const;

const columnList = columnsParam(securityManagerColumnIds);

export const listSecurityManagersQuery = listQuery.extend({
  sort: z.enum(sortableSecurityManagerColumns).optional(),
  columns: columnList.optional(),
});
export type ListSecurityManagersQuery = z.infer<typeof listSecurityManagersQuery>;
export const listSecurityManagersResponse = listResponse(securityManagerRowSchema);

/**
 * `orgId` is Director's organization id (Director reads an organization by numeric id only); `id`
 * is the manager's id or uuid on the organization's SCI, as the list answers it.
 */
export const organizationParams = z.object({ orgId: numericId });
export const securityManagerParams = z.object({ orgId: numericId, id: idOrUuid });

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

/**
 * Every field of the SCI's POST, in ScanDeck's names, without defaults (PATCH sends only what
 * changed). The role is not among them: the server picks the SCI's role for the auth type.
 */
const fields = {
  authType: z.enum(authTypes, { error: 'choose an authentication type' }),
  username: z
    .string()
    .trim()
    .min(1, 'a username is required')
    // abort: a longer value never reaches the pattern (length first, before any regex).
    .max(128, { error: 'must be at most 128 characters', abort: true })
    .regex(/^[A-Za-z0-9._@-]+$/, 'may only hold letters, digits, ".", "_", "@" and "-"'),
  firstname: text(256),
  lastname: text(256),
  title: text(256),
  // The pattern backtracks on long input (60 KB took seconds): the length is checked first and stops there.
  email: z
    .string()
    .trim()
    .max(320, { error: 'must be at most 320 characters', abort: true })
    .refine((v) => v === '' || EMAIL.test(v), 'is not a valid e-mail address'),
  address: text(1024),
  city: text(256),
  state: text(256),
  country: text(256),
  phone: text(64),
  fax: text(64),
  locked: z.boolean(),
  fingerprint: z.string().max(1024).nullable(),
  emailNotice: z.enum(emailNotices),
  /** the SCI's asset list id; -1: none (as the document's answers and pyTenable write it) */
  responsibleAssetId: z.number().int().min(-1),
  /** empty: the SCI's default time zone */
  timezone: z
    .string()
    .max(64, { error: 'must be at most 64 characters', abort: true })
    .regex(/^[A-Za-z0-9_+\-/]*$/, 'is not a time zone name'),
  managedUsersGroupIds: z.array(z.number().int().min(-1)).max(100),
  managedObjectsGroupIds: z.array(z.number().int().min(-1)).max(100),
  // The SCI's PasswordMinLength and other rules are its own: its refusal is shown, not guessed here.
  password: z.string().min(1, 'enter a password').max(512),
  mustChangePassword: z.boolean(),
  passwordExpires: z.boolean(),
  passwordExpiration: z.number({ error: 'must be a number of days' }).int().min(1, 'must be 1 to 365 days').max(365, 'must be 1 to 365 days'),
  passwordExpirationOverride: z.boolean(),
  ldapId: z.number({ error: 'choose an LDAP server' }).int().positive('choose an LDAP server'),
  parentId: z.number({ error: 'choose the parent administrator' }).int().positive('choose the parent administrator'),
};

function checkRules(
  v: { email?: string | undefined; emailNotice?: EmailNotice | undefined; authType?: AuthType | undefined; mustChangePassword?: boolean | undefined },
  ctx: z.RefinementCtx,
) {
  if (v.emailNotice && v.emailNotice !== 'none' && v.email === '') {
    ctx.addIssue({ code: 'custom', path: ['email'], message: 'is required when the new manager is e-mailed' });
  }
  if ((v.authType === 'ldap' || v.authType === 'saml') && v.mustChangePassword) {
    ctx.addIssue({ code: 'custom', path: ['mustChangePassword'], message: `must be off for ${v.authType} sign-in` });
  }
}

/** POST: the document's defaults filled in; the fields an auth type needs are checked together. */
export const createSecurityManagerInput = z
  .object({
    ...fields,
    authType: fields.authType.default('tns'),
    firstname: fields.firstname.default(''),
    lastname: fields.lastname.default(''),
    title: fields.title.default(''),
    email: fields.email.default(''),
    address: fields.address.default(''),
    city: fields.city.default(''),
    state: fields.state.default(''),
    country: fields.country.default(''),
    phone: fields.phone.default(''),
    fax: fields.fax.default(''),
    locked: fields.locked.default(false),
    fingerprint: fields.fingerprint.default(null),
    emailNotice: fields.emailNotice.default(''),
    responsibleAssetId: fields.responsibleAssetId.default(-1),
    timezone: fields.timezone.default(''),
    // Absent: the SCI's own default (All Groups in the document's example).
    managedUsersGroupIds: fields.managedUsersGroupIds.optional(),
    managedObjectsGroupIds: fields.managedObjectsGroupIds.optional(),
    password: fields.password.optional(),
    mustChangePassword: fields.mustChangePassword.default(false),
    passwordExpires: fields.passwordExpires.default(false),
    passwordExpiration: fields.passwordExpiration.default(90),
    passwordExpirationOverride: fields.passwordExpirationOverride.default(false),
    ldapId: fields.ldapId.optional(),
    parentId: fields.parentId.optional(),
  })
  .superRefine((v, ctx) => {
    checkRules(v, ctx);
    if (usesLocalPassword(v.authType) && v.password === undefined) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: `a password is required for ${v.authType} sign-in` });
    }
    if (v.authType === 'ldap' && v.ldapId === undefined) ctx.addIssue({ code: 'custom', path: ['ldapId'], message: 'choose an LDAP server' });
    if (isLinkedAuth(v.authType) && v.parentId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['parentId'], message: 'choose the parent administrator' });
    }
  });
export type CreateSecurityManagerInput = z.input<typeof createSecurityManagerInput>;
export type CreateSecurityManager = z.output<typeof createSecurityManagerInput>;

/** Fields the document forbids changing on a linked user (role and group are never sent by ScanDeck). */
export const linkedLockedFields = ['authType', 'parentId', 'password', 'mustChangePassword', 'passwordExpires', 'passwordExpirationOverride'] as const;

/** PATCH: every field optional and nothing defaulted, so only what the form changed is sent on. */
export const updateSecurityManagerInput = z
  .object(fields)
  .partial()
  .superRefine((v, ctx) => {
    if (Object.values(v).every((value) => value === undefined)) ctx.addIssue({ code: 'custom', path: [], message: 'nothing to change' });
    checkRules(v, ctx);
  });
export type UpdateSecurityManager = z.output<typeof updateSecurityManagerInput>;

/** DELETE's optional body: whom the manager's objects go to. */
export const deleteSecurityManagerInput = z
  .object({
    migrateUserId: z.number().int().positive().optional(),
    migrateUserUuid: uuid.optional(),
  })
  .refine((v) => v.migrateUserId === undefined || v.migrateUserUuid === undefined, { message: 'give migrateUserId or migrateUserUuid, not both' })
  .optional();
export type DeleteSecurityManager = z.output<typeof deleteSecurityManagerInput>;

/** Why an organization's security managers cannot be managed from here, or that they can. */
export const sciConnectionSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('connected'), sciId: z.number().int() }),
  z.object({
    status: z.literal('not_connected'),
    /** Director's SCI id, null when Director names no SCI for the organization */
    sciId: z.number().int().nullable(),
    /** the setting an operator adds the connection to */
    setting: z.string(),
    reason: z.string(),
  }),
]);
export type SciConnectionState = z.infer<typeof sciConnectionSchema>;

/** The organization as Director names it, and whether ScanDeck can reach the SCI that holds its managers. */
export const securityManagerFormContextSchema = z.object({
  organization: z.object({
    id: z.number().int(),
    name: z.string(),
    sci: refSchema.nullable(),
    /** the organization's id on its SCI */
    sciOrgId: z.number().int().nullable(),
  }),
  connection: sciConnectionSchema,
});
export type SecurityManagerFormContext = z.infer<typeof securityManagerFormContextSchema>;

export const sciUserRefSchema = z.object({
  id: z.number().int(),
  uuid: z.string(),
  username: z.string(),
  firstname: z.string(),
  lastname: z.string(),
});
export type SciUserRef = z.infer<typeof sciUserRefSchema>;

/** What the form and the delete dialog offer, read from the organization's SCI in that SCI's ids. */
export const securityManagerChoicesSchema = z.object({
  roles: z.object({ securityManager: refSchema.nullable(), smLinked: refSchema.nullable() }),
  groups: z.array(refSchema),
  ldaps: z.array(refSchema),
  assets: z.array(refSchema),
  /** parent administrators for linked users */
  administrators: z.array(sciUserRefSchema),
  /** the organization's users: heirs of a deleted manager's objects */
  users: z.array(sciUserRefSchema),
});
export type SecurityManagerChoices = z.infer<typeof securityManagerChoicesSchema>;
