import { fieldErrorsFromIssues, type FieldErrors } from '@/components/ui/form-errors';
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

function confirmErrors(v: SecurityManagerFormValues): FieldErrors {
  if (usesLocalPassword(v.authType) && v.password !== v.passwordConfirm) return { passwordConfirm: 'the two passwords differ' };
  return {};
}

export type CreateValidation = { ok: true; value: CreateSecurityManager } | { ok: false; errors: FieldErrors };

/** Validates in the browser with the very schema the BFF uses, plus the typed-twice check. */
export function validateCreateForm(values: SecurityManagerFormValues): CreateValidation {
  const input = toFields(values);
  if (input.ldapId !== undefined && Number.isNaN(input.ldapId)) delete input.ldapId;
  if (input.parentId !== undefined && Number.isNaN(input.parentId)) delete input.parentId;
  const parsed = createSecurityManagerInput.safeParse(input);
  const confirm = confirmErrors(values);
  if (parsed.success && Object.keys(confirm).length === 0) return { ok: true, value: parsed.data };
  return { ok: false, errors: { ...(parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues)), ...confirm } };
}

export type UpdateValidation = { ok: true; value: UpdateSecurityManager } | { ok: false; errors: FieldErrors };

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Only what differs from the manager as loaded goes into the PATCH; a blank password keeps the
 * current one, and a linked user's locked fields are never sent.
 */
export function validateUpdateForm(initial: SecurityManagerFormValues, values: SecurityManagerFormValues): UpdateValidation {
  const isLinked = isLinkedAuth(initial.authType);
  const before = toFields(initial);
  // A linked user's auth type cannot change, so its sections stay those of the loaded type.
  const after = toFields(isLinked ? { ...values, authType: initial.authType, parentId: initial.parentId } : values);
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (isLinked && (linkedLockedFields as readonly string[]).includes(key)) continue;
    if (key === 'password') {
      if (value !== undefined) changed.password = value;
      continue;
    }
    if (!sameValue(value, before[key as keyof CreateSecurityManagerInput])) changed[key] = value;
  }
  for (const key of Object.keys(changed)) if (changed[key] === undefined) delete changed[key];
  if (!isLinked && usesLocalPassword(values.authType) && !usesLocalPassword(initial.authType) && after.password === undefined) {
    return { ok: false, errors: { password: `a password is required to switch to ${values.authType} sign-in` } };
  }
  const confirm = isLinked ? {} : confirmErrors(values);
  if (Object.keys(changed).length === 0) return { ok: false, errors: { form: 'nothing was changed' } };
  const parsed = updateSecurityManagerInput.safeParse(changed);
  if (parsed.success && Object.keys(confirm).length === 0) return { ok: true, value: parsed.data };
  return { ok: false, errors: { ...(parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues)), ...confirm } };
}
