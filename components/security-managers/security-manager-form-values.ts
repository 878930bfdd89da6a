import { z } from 'zod';
import {
  createSecurityManagerInput,
  isLinkedAuth,
  linkedLockedFields,
  updateSecurityManagerInput,
  usesLocalPassword,
  type AuthType,
  type CreateSecurityManager,
  type CreateSecurityManagerInput,
  type EmailNotice,
  type SecurityManagerRow,
  type UpdateSecurityManager,
} from '@/lib/schemas/security-manager';
import { timezoneOf } from './security-manager-format';

/** What the form's controls hold: strings for text and selects, booleans for checkboxes. */
export type SecurityManagerFormValues = {
  authType: AuthType;
  username: string;
  firstname: string;
  lastname: string;
  title: string;
  email: string;
  address: string;
  city: string;
  state: string;
  country: string;
  phone: string;
  fax: string;
  locked: boolean;
  fingerprint: string;
  emailNotice: EmailNotice;
  /** '-1': none */
  responsibleAssetId: string;
  /** '': the SCI's default */
  timezone: string;
  /** the SCI's group ids; none chosen: the SCI's default */
  managedUsersGroupIds: number[];
  managedObjectsGroupIds: number[];
  password: string;
  passwordConfirm: string;
  mustChangePassword: boolean;
  passwordExpires: boolean;
  passwordExpiration: string;
  passwordExpirationOverride: boolean;
  ldapId: string;
  parentId: string;
};

/** The document's POST defaults (the test checks them against the schema's). */
export function defaultSecurityManagerFormValues(): SecurityManagerFormValues {
  return {
    authType: 'tns',
    username: '',
    firstname: '',
    lastname: '',
    title: '',
    email: '',
    address: '',
    city: '',
    state: '',
    country: '',
    phone: '',
    fax: '',
    locked: false,
    fingerprint: '',
    emailNotice: '',
    responsibleAssetId: '-1',
    timezone: '',
    managedUsersGroupIds: [],
    managedObjectsGroupIds: [],
    password: '',
    passwordConfirm: '',
    mustChangePassword: false,
    passwordExpires: false,
    passwordExpiration: '90',
    passwordExpirationOverride: false,
    ldapId: '',
    parentId: '',
  };
}

/** An existing manager as the edit form starts; passwords start empty (blank keeps the current one). */
export function formValuesFromRow(row: SecurityManagerRow): SecurityManagerFormValues {
  const defaults = defaultSecurityManagerFormValues();
  return {
    ...defaults,
    authType: (row.authType as AuthType | undefined) ?? defaults.authType,
    username: row.username ?? '',
    firstname: row.firstname ?? '',
    lastname: row.lastname ?? '',
    title: row.title ?? '',
    email: row.email ?? '',
    address: row.address ?? '',
    city: row.city ?? '',
    state: row.state ?? '',
    country: row.country ?? '',
    phone: row.phone ?? '',
    fax: row.fax ?? '',
    locked: row.locked ?? false,
    fingerprint: row.fingerprint ?? '',
    responsibleAssetId: String(row.responsibleAsset?.id ?? -1),
    timezone: timezoneOf(row) ?? '',
    managedUsersGroupIds: row.managedUsersGroups?.map((g) => g.id) ?? defaults.managedUsersGroupIds,
    managedObjectsGroupIds: row.managedObjectsGroups?.map((g) => g.id) ?? defaults.managedObjectsGroupIds,
    mustChangePassword: row.mustChangePassword ?? false,
    passwordExpires: row.passwordExpires ?? false,
    passwordExpiration: String(row.passwordExpiration ?? 90),
    passwordExpirationOverride: row.passwordExpirationOverride ?? false,
    ldapId: row.ldap ? String(row.ldap.id) : '',
    parentId: row.parent ? String(row.parent.user.id) : '',
  };
}

/** A number typed or chosen; NaN stays NaN so the schema reports it rather than guessing. */
function toNumber(value: string): number {
  return value.trim() === '' ? Number.NaN : Number(value);
}
const optionalId = (value: string) => (value === '' ? undefined : toNumber(value));

/** Every field the form can send, in the input's names, for the chosen auth type. */
function toFields(v: SecurityManagerFormValues): CreateSecurityManagerInput {
  const input: CreateSecurityManagerInput = {
    authType: v.authType,
    username: v.username,
    firstname: v.firstname,
    lastname: v.lastname,
    title: v.title,
    email: v.email,
    address: v.address,
    city: v.city,
    state: v.state,
    country: v.country,
    phone: v.phone,
    fax: v.fax,
    locked: v.locked,
    fingerprint: v.fingerprint.trim() === '' ? null : v.fingerprint,
    emailNotice: v.emailNotice,
    responsibleAssetId: toNumber(v.responsibleAssetId),
    timezone: v.timezone,
    managedUsersGroupIds: v.managedUsersGroupIds.length > 0 ? v.managedUsersGroupIds : undefined,
    managedObjectsGroupIds: v.managedObjectsGroupIds.length > 0 ? v.managedObjectsGroupIds : undefined,
  };
  if (usesLocalPassword(v.authType)) {
    if (v.password !== '') input.password = v.password;
    input.mustChangePassword = v.mustChangePassword;
    input.passwordExpires = v.passwordExpires;
    input.passwordExpiration = toNumber(v.passwordExpiration);
    input.passwordExpirationOverride = v.passwordExpirationOverride;
  }
  if (v.authType === 'ldap') input.ldapId = optionalId(v.ldapId) ?? Number.NaN;
  if (isLinkedAuth(v.authType)) input.parentId = optionalId(v.parentId) ?? Number.NaN;
  return input;
}

/** The password typed twice alike: a rule of the form only, since the API takes one password. */
function checkConfirm(v: SecurityManagerFormValues, ctx: z.RefinementCtx) {
  if (usesLocalPassword(v.authType) && v.password !== v.passwordConfirm) {
    ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'the two passwords differ' });
  }
}

/** Parses the API's input with its own schema and reports its issues as the form's, in the same pass as the form's own rules. */
function parseAs<S extends z.ZodType>(schema: S, input: unknown, ctx: z.RefinementCtx): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  return z.NEVER;
}

/** The create form's resolver schema: the typed-twice check, then the very schema the BFF uses. */
export const createSecurityManagerFormSchema = z.custom<SecurityManagerFormValues>().transform((values, ctx): CreateSecurityManager => {
  checkConfirm(values, ctx);
  const input = toFields(values);
  // An unchosen LDAP server or parent is absent, so the schema names it as missing rather than as not a number.
  if (input.ldapId !== undefined && Number.isNaN(input.ldapId)) delete input.ldapId;
  if (input.parentId !== undefined && Number.isNaN(input.parentId)) delete input.parentId;
  return parseAs(createSecurityManagerInput, input, ctx);
});

/** Fields a change of sign-in type brings with it: the new type's section is sent whole. */
const authSectionFields = ['mustChangePassword', 'passwordExpires', 'passwordExpiration', 'passwordExpirationOverride', 'ldapId', 'parentId'] as const;

/**
 * The edit form's resolver schema, for a manager loaded with `initial`: every field the form can send,
 * checked with the PATCH schema; `changedFields` then keeps those react-hook-form marks dirty. A
 * linked user's locked fields are never in it.
 */
export function updateSecurityManagerFormSchema(initial: SecurityManagerFormValues) {
  const isLinked = isLinkedAuth(initial.authType);
  return z.custom<SecurityManagerFormValues>().transform((values, ctx): UpdateSecurityManager => {
    // A linked user's auth type cannot change, so its sections stay those of the loaded type.
    const v = isLinked ? { ...values, authType: initial.authType, parentId: initial.parentId } : values;
    if (!isLinked) {
      checkConfirm(v, ctx);
      if (usesLocalPassword(v.authType) && !usesLocalPassword(initial.authType) && v.password === '') {
        ctx.addIssue({ code: 'custom', path: ['password'], message: `a password is required to switch to ${v.authType} sign-in` });
      }
    }
    const fields: Record<string, unknown> = { ...toFields(v) };
    if (isLinked) for (const key of linkedLockedFields) delete fields[key];
    return parseAs(updateSecurityManagerInput, fields, ctx);
  });
}

/** react-hook-form's dirty mark of one value: true, or for a list or object, any part of it. */
function isDirty(mark: unknown): boolean {
  if (Array.isArray(mark)) return mark.some(isDirty);
  if (mark && typeof mark === 'object') return Object.values(mark).some(isDirty);
  return mark === true;
}

/**
 * The PATCH body: only the fields the user changed (react-hook-form's `dirtyFields`), a new password
 * only when one was typed. Undefined when nothing changed.
 */
export function changedFields(
  all: UpdateSecurityManager,
  dirtyFields: Partial<Record<keyof SecurityManagerFormValues, unknown>>,
): UpdateSecurityManager | undefined {
  const sendsSection = isDirty(dirtyFields.authType);
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(all)) {
    if (value === undefined) continue;
    const isSection = (authSectionFields as readonly string[]).includes(key);
    if (isDirty(dirtyFields[key as keyof SecurityManagerFormValues]) || (sendsSection && isSection) || key === 'password') patch[key] = value;
  }
  return Object.keys(patch).length > 0 ? (patch as UpdateSecurityManager) : undefined;
}
