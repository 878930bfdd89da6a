import { describe, expect, it } from 'vitest';
import { createSecurityManagerInput, type SecurityManagerRow } from '@/lib/schemas/security-manager';
import { fieldErrorsFromIssues } from '@/components/ui/form-errors';
import {
  changedFields,
  createSecurityManagerFormSchema,
  defaultSecurityManagerFormValues,
  formValuesFromRow,
  type SecurityManagerFormValues,
  updateSecurityManagerFormSchema,
} from './security-manager-form-values';

/** One submit of the create form: its resolver schema over the controls' values. */
function validateCreateForm(values: SecurityManagerFormValues) {
  const parsed = createSecurityManagerFormSchema.safeParse(values);
  return parsed.success ? ({ ok: true, value: parsed.data } as const) : ({ ok: false, errors: fieldErrorsFromIssues(parsed.error.issues) } as const);
}

/** One submit of the edit form; each value that differs from the loaded one is dirty, as react-hook-form marks it. */
function validateUpdateForm(initial: SecurityManagerFormValues, values: SecurityManagerFormValues) {
  const parsed = updateSecurityManagerFormSchema(initial).safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrorsFromIssues(parsed.error.issues) } as const;
  const keys = Object.keys(values) as Array<keyof SecurityManagerFormValues>;
  const dirty = Object.fromEntries(keys.map((key) => [key, JSON.stringify(values[key]) !== JSON.stringify(initial[key])]));
  const patch = changedFields(parsed.data, dirty);
  return patch ? ({ ok: true, value: patch } as const) : ({ ok: false, errors: { form: 'nothing was changed' } } as const);
}

const tns = { ...defaultSecurityManagerFormValues(), username: 'sm.one', password: 'long enough secret', passwordConfirm: 'long enough secret' };

describe('security manager form values', () => {
  it('start from the same defaults the schema fills in', () => {
    const result = validateCreateForm(tns);
    expect(result.ok).toBe(true);
    const schemaDefaults = createSecurityManagerInput.parse({ username: 'sm.one', password: 'long enough secret' });
    expect(result.ok && result.value).toEqual(schemaDefaults);
    // No role and no groups: the server picks the SCI's role, the SCI its default groups.
    expect(result.ok && result.value).not.toHaveProperty('roleId');
    expect(result.ok && result.value.managedUsersGroupIds).toBeUndefined();
  });

  it('needs the password typed twice alike, and what each auth type needs', () => {
    const mismatch = validateCreateForm({ ...tns, passwordConfirm: 'other secret!' });
    expect(mismatch.ok || mismatch.errors).toEqual({ passwordConfirm: 'the two passwords differ' });
    const ldap = validateCreateForm({ ...tns, authType: 'ldap' });
    expect(ldap.ok || Object.keys(ldap.errors)).toEqual(['ldapId']);
    const linked = validateCreateForm({ ...tns, authType: 'linked_non_admin', parentId: '4' });
    expect(linked.ok && linked.value).toMatchObject({ authType: 'linked_non_admin', parentId: 4 });
    expect(linked.ok && linked.value).not.toHaveProperty('password');
    const mail = validateCreateForm({ ...tns, emailNotice: 'both' });
    expect(mail.ok || Object.keys(mail.errors)).toEqual(['email']);
  });

  it("edit sends only what changed, never a linked user's locked fields", () => {
    const row: SecurityManagerRow = { id: 5, uuid: 'u', username: 'sm.five', authType: 'tns', title: 'Old', passwordExpiration: 90, hasPassword: true };
    const initial = formValuesFromRow(row);
    const titled = validateUpdateForm(initial, { ...initial, title: 'New' });
    expect(titled.ok && titled.value).toEqual({ title: 'New' });
    const password = validateUpdateForm(initial, { ...initial, password: 'a new long secret', passwordConfirm: 'a new long secret' });
    expect(password.ok && password.value).toEqual({ password: 'a new long secret' });
    const unchanged = validateUpdateForm(initial, initial);
    expect(unchanged.ok).toBe(false);

    const linked = formValuesFromRow({
      ...row,
      authType: 'linked',
      parent: { user: { id: 1, uuid: 'p', username: 'admin', firstname: '', lastname: '' }, organization: null },
    });
    const attempt = validateUpdateForm(linked, { ...linked, authType: 'tns', parentId: '9', mustChangePassword: true, title: 'Lead' });
    expect(attempt.ok && attempt.value).toEqual({ title: 'Lead' });
  });
});
