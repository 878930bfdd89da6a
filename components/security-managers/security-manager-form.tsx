'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { timeZoneOptions } from '@/components/scans/schedule';
import { Button, ButtonLink } from '@/components/ui/button';
import { ErrorPanel } from '@/components/ui/error-panel';
import { FormErrorSummary, type FieldLocation } from '@/components/ui/form-error-summary';
import { fieldErrorsFromDetails, type FieldErrors } from '@/components/ui/form-errors';
import { FieldGroup, FormField } from '@/components/ui/form-field';
import { Checkbox, Input, Options, Select, type Option } from '@/components/ui/input';
import { isApiError } from '@/lib/api/api-error';
import { securityManagerChoicesOptions, useCreateSecurityManager, useUpdateSecurityManager } from '@/lib/api/security-managers';
import type { Ref } from '@/lib/schemas/common';
import {
  authTypes,
  emailNotices,
  isLinkedAuth,
  roleNameFor,
  usesLocalPassword,
  type AuthType,
  type EmailNotice,
  type SecurityManagerRow,
} from '@/lib/schemas/security-manager';
import { authTypeLabels, emailNoticeLabels, managerName } from './security-manager-format';
import {
  defaultSecurityManagerFormValues,
  formValuesFromRow,
  validateCreateForm,
  validateUpdateForm,
  type SecurityManagerFormValues,
} from './security-manager-form-values';

const authTypeChoices: Option[] = authTypes.map((type) => ({ value: type, label: authTypeLabels[type] }));
const emailNoticeChoices: Option[] = emailNotices.map((notice) => ({ value: notice, label: emailNoticeLabels[notice] ?? notice }));

/** Where each error key is shown, in form order, so the summary links to the control. */
const fieldIds: Record<string, FieldLocation> = {
  form: { id: '', label: 'Form' },
  authType: { id: 'sm-auth-type', label: 'Sign-in' },
  roleId: { id: 'sm-role', label: 'Role' },
  username: { id: 'sm-username', label: 'Username' },
  password: { id: 'sm-password', label: 'Password' },
  passwordConfirm: { id: 'sm-password-confirm', label: 'Password again' },
  mustChangePassword: { id: 'sm-must-change', label: 'Must change password' },
  passwordExpiration: { id: 'sm-password-expiration', label: 'Password expires after (days)' },
  ldapId: { id: 'sm-ldap', label: 'LDAP server' },
  parentId: { id: 'sm-parent', label: 'Parent administrator' },
  firstname: { id: 'sm-firstname', label: 'First name' },
  lastname: { id: 'sm-lastname', label: 'Last name' },
  title: { id: 'sm-title', label: 'Title' },
  email: { id: 'sm-email', label: 'Email' },
  emailNotice: { id: 'sm-email-notice', label: 'E-mail the new manager' },
  address: { id: 'sm-address', label: 'Address' },
  city: { id: 'sm-city', label: 'City' },
  state: { id: 'sm-state', label: 'State' },
  country: { id: 'sm-country', label: 'Country' },
  phone: { id: 'sm-phone', label: 'Phone' },
  fax: { id: 'sm-fax', label: 'Fax' },
  responsibleAssetId: { id: 'sm-asset', label: 'Responsible asset' },
  timezone: { id: 'sm-timezone', label: 'Time zone' },
  managedUsersGroupIds: { id: 'sm-users-groups', label: 'Managed user groups' },
  managedObjectsGroupIds: { id: 'sm-objects-groups', label: 'Managed object groups' },
  fingerprint: { id: 'sm-fingerprint', label: 'Certificate fingerprint' },
};

const textFields = [
  ['firstname', 'First name'],
  ['lastname', 'Last name'],
  ['title', 'Title'],
  ['address', 'Address'],
  ['city', 'City'],
  ['state', 'State'],
  ['country', 'Country'],
  ['phone', 'Phone'],
  ['fax', 'Fax'],
] as const;

/** The SCI's groups, plus any the manager already has that the SCI did not list (e.g. "All Groups"). */
function GroupChoices({
  id,
  legend,
  groups,
  current,
  value,
  isLoading,
  onChange,
}: {
  id: string;
  legend: string;
  groups: Ref[];
  current: Ref[] | undefined;
  value: number[];
  isLoading: boolean;
  onChange: (ids: number[]) => void;
}) {
  const shown = [...(current ?? []).filter((g) => !groups.some((s) => s.id === g.id)), ...groups];
  return (
    <div id={id} tabIndex={-1} role="group" aria-label={legend} className="space-y-1.5">
      <p className="text-sm font-medium text-slate-800">{legend}</p>
      {isLoading ? <p className="text-sm text-slate-500">Loading the SCI's groups…</p> : null}
      {!isLoading && shown.length === 0 ? <p className="text-sm text-slate-500">The SCI lists no groups for this organization.</p> : null}
      {value.length === 0 && !isLoading ? <p className="text-xs text-slate-500">None chosen: the SCI applies its default.</p> : null}
      {shown.map((group) => (
        <Checkbox
          key={group.id}
          id={`${id}-${group.id}`}
          label={group.name || `Group ${group.id}`}
          checked={value.includes(group.id)}
          onChange={(e) => onChange(e.target.checked ? [...value, group.id] : value.filter((g) => g !== group.id))}
        />
      ))}
    </div>
  );
}

type SecurityManagerFormProps = { orgId: string } & ({ mode: 'create'; manager?: undefined } | { mode: 'edit'; manager: SecurityManagerRow });

/**
 * Create and edit one security manager. Sections follow the auth type; edit sends only what
 * changed. Passwords live in this form's state only, and are cleared once a request has been sent.
 */
export function SecurityManagerForm({ orgId, mode, manager }: SecurityManagerFormProps) {
  const router = useRouter();
  const initial = useRef<SecurityManagerFormValues>(manager ? formValuesFromRow(manager) : defaultSecurityManagerFormValues());
  const [values, setValues] = useState<SecurityManagerFormValues>(initial.current);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [zones, setZones] = useState<string[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const creation = useCreateSecurityManager(orgId);
  const update = useUpdateSecurityManager(orgId, manager ? String(manager.id) : '');
  const mutation = mode === 'create' ? creation : update;

  // Everything offered comes from the organization's SCI, in that SCI's ids.
  const choices = useQuery(securityManagerChoicesOptions(orgId));
  const administrators = choices.data?.administrators ?? [];
  const assets = choices.data?.assets ?? [];
  const ldaps = choices.data?.ldaps ?? [];
  const lookupError = choices.error;

  // The zone list comes from the browser's Intl after hydration, so server and client render alike.
  useEffect(() => {
    setZones(timeZoneOptions(initial.current.timezone));
  }, []);

  const isLinkedLocked = mode === 'edit' && isLinkedAuth(initial.current.authType);
  const authType = values.authType;

  function set<K extends keyof SecurityManagerFormValues>(key: K, value: SecurityManagerFormValues[K]) {
    setValues((v) => ({ ...v, [key]: value }));
  }

  function focusSummary() {
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    mutation.reset();
    const result = mode === 'create' ? validateCreateForm(values) : validateUpdateForm(initial.current, values);
    if (!result.ok) {
      setErrors(result.errors);
      focusSummary();
      return;
    }
    setErrors({});
    // Once sent, the password has no reason to stay in the page.
    setValues((v) => ({ ...v, password: '', passwordConfirm: '' }));
    const options = {
      onSuccess: (row: SecurityManagerRow) => router.push(`/organizations/${encodeURIComponent(orgId)}/security-managers/${row.id}`),
      onError: (error: unknown) => {
        if (isApiError(error)) setErrors(fieldErrorsFromDetails(error.details));
        focusSummary();
      },
    };
    if (mode === 'create') creation.mutate(result.value as Parameters<typeof creation.mutate>[0], options);
    else update.mutate(result.value, options);
  }

  const cancelHref =
    mode === 'create' ? `/organizations/${encodeURIComponent(orgId)}/security-managers` : `/organizations/${encodeURIComponent(orgId)}/security-managers/${manager.id}`;
  const roleName = roleNameFor(authType);
  const sciRole = roleName === 'SM-Linked' ? choices.data?.roles.smLinked : choices.data?.roles.securityManager;
  const roleLabel = choices.isLoading
    ? 'Loading…'
    : sciRole
      ? `${sciRole.name} (${sciRole.id} on this SCI)`
      : `${roleName}: not found on this SCI`;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label={mode === 'create' ? 'New security manager' : 'Edit security manager'}>
      <div ref={summaryRef} tabIndex={-1} className="space-y-3 outline-none">
        {mutation.error ? (
          <ErrorPanel title={mode === 'create' ? 'The security manager was not created' : 'The changes were not saved'} error={mutation.error} />
        ) : null}
        <FormErrorSummary id="sm-form-summary" errors={errors} fields={fieldIds} />
        {lookupError ? <ErrorPanel title="Some choices could not be loaded" error={lookupError} /> : null}
      </div>

      <FieldGroup
        legend="Sign-in"
        description={isLinkedLocked ? 'A linked user keeps its role, group, sign-in type, parent and password settings; the SCI refuses changes to them.' : undefined}
      >
        <FormField id="sm-auth-type" label="Sign-in" error={errors.authType} isRequired>
          {(control) => (
            <Select {...control} value={authType} disabled={isLinkedLocked} onChange={(e) => set('authType', e.target.value as AuthType)}>
              <Options options={authTypeChoices} />
            </Select>
          )}
        </FormField>
        <FormField id="sm-role" label="Role" error={errors.roleId ?? errors.authType} hint="Follows the sign-in type; linked non-admin users take the SCI's SM-Linked role.">
          {(control) => <Input {...control} value={roleLabel} readOnly disabled />}
        </FormField>
        <FormField id="sm-username" label="Username" error={errors.username} isRequired>
          {(control) => <Input {...control} value={values.username} autoComplete="off" maxLength={128} onChange={(e) => set('username', e.target.value)} />}
        </FormField>
        <FormField id="sm-group" label="Group" hint="Set by the SCI: security managers belong to the organization's Full Access group.">
          {(control) => <Input {...control} value={manager?.group ? `${manager.group.name} (${manager.group.id})` : 'Full Access'} readOnly disabled />}
        </FormField>

        {usesLocalPassword(authType) ? (
          <>
            <FormField
              id="sm-password"
              label={mode === 'edit' ? 'New password' : 'Password'}
              error={errors.password}
              isRequired={mode === 'create'}
              hint={mode === 'edit' ? "Leave blank to keep the current password. The SCI's password rules apply." : "The SCI's password rules apply (its minimum length, for one)."}
            >
              {(control) => (
                <Input {...control} type="password" autoComplete="new-password" value={values.password} disabled={isLinkedLocked} onChange={(e) => set('password', e.target.value)} />
              )}
            </FormField>
            <FormField id="sm-password-confirm" label="Password again" error={errors.passwordConfirm} isRequired={mode === 'create'}>
              {(control) => (
                <Input
                  {...control}
                  type="password"
                  autoComplete="new-password"
                  value={values.passwordConfirm}
                  disabled={isLinkedLocked}
                  onChange={(e) => set('passwordConfirm', e.target.value)}
                />
              )}
            </FormField>
            <FormField id="sm-password-expiration" label="Password expires after (days)" error={errors.passwordExpiration} hint="1 to 365; used when expiry is on.">
              {(control) => (
                <Input {...control} type="number" min={1} max={365} value={values.passwordExpiration} onChange={(e) => set('passwordExpiration', e.target.value)} />
              )}
            </FormField>
            <div className="space-y-2 md:pt-6">
              <Checkbox id="sm-must-change" label="Must change password at next login" checked={values.mustChangePassword} disabled={isLinkedLocked} onChange={(e) => set('mustChangePassword', e.target.checked)} />
              <Checkbox id="sm-password-expires" label="Password expires" checked={values.passwordExpires} disabled={isLinkedLocked} onChange={(e) => set('passwordExpires', e.target.checked)} />
              <Checkbox
                id="sm-password-override"
                label="Override the organization's expiry"
                checked={values.passwordExpirationOverride}
                disabled={isLinkedLocked}
                onChange={(e) => set('passwordExpirationOverride', e.target.checked)}
              />
            </div>
          </>
        ) : null}

        {authType === 'ldap' ? (
          <FormField id="sm-ldap" label="LDAP server" error={errors.ldapId} isRequired hint="The organization's LDAP servers. The LDAP username mirrors the username.">
            {(control) => (
              <Select {...control} value={values.ldapId} onChange={(e) => set('ldapId', e.target.value)}>
                <option value="">{choices.isLoading ? 'Loading…' : ldaps.length === 0 ? 'The SCI has no LDAP server' : 'Choose an LDAP server'}</option>
                <Options options={ldaps.map((l) => ({ value: String(l.id), label: l.name }))} />
              </Select>
            )}
          </FormField>
        ) : null}

        {authType === 'saml' ? <p className="self-center text-sm text-slate-600 md:col-span-2">SAML users sign in through the identity provider; there is nothing more to set here.</p> : null}

        {isLinkedAuth(authType) ? (
          <FormField id="sm-parent" label="Parent administrator" error={errors.parentId} isRequired hint="An administrator of this organization's SCI.">
            {(control) => (
              <Select {...control} value={values.parentId} disabled={isLinkedLocked} onChange={(e) => set('parentId', e.target.value)}>
                <option value="">{choices.isLoading ? 'Loading…' : 'Choose an administrator'}</option>
                {isLinkedLocked && manager?.parent && !administrators.some((a) => a.id === manager.parent?.user.id) ? (
                  <option value={String(manager.parent.user.id)}>{managerName(manager.parent.user)}</option>
                ) : null}
                <Options options={administrators.map((a) => ({ value: String(a.id), label: managerName(a) }))} />
              </Select>
            )}
          </FormField>
        ) : null}
      </FieldGroup>

      <FieldGroup legend="Contact">
        {textFields.slice(0, 3).map(([key, label]) => (
          <FormField key={key} id={`sm-${key}`} label={label} error={errors[key]}>
            {(control) => <Input {...control} value={values[key]} onChange={(e) => set(key, e.target.value)} />}
          </FormField>
        ))}
        <FormField id="sm-email" label="Email" error={errors.email} isRequired={values.emailNotice !== '' && values.emailNotice !== 'none'}>
          {(control) => <Input {...control} type="email" autoComplete="off" value={values.email} onChange={(e) => set('email', e.target.value)} />}
        </FormField>
        <FormField id="sm-email-notice" label="E-mail the new manager" error={errors.emailNotice} hint="Any notice needs an e-mail address.">
          {(control) => (
            <Select {...control} value={values.emailNotice} onChange={(e) => set('emailNotice', e.target.value as EmailNotice)}>
              <Options options={emailNoticeChoices} />
            </Select>
          )}
        </FormField>
        {textFields.slice(3).map(([key, label]) => (
          <FormField key={key} id={`sm-${key}`} label={label} error={errors[key]}>
            {(control) => <Input {...control} value={values[key]} onChange={(e) => set(key, e.target.value)} />}
          </FormField>
        ))}
      </FieldGroup>

      <FieldGroup legend="Access and preferences">
        <FormField id="sm-asset" label="Responsible asset" error={errors.responsibleAssetId} hint="An asset of the organization's SCI.">
          {(control) => (
            <Select {...control} value={values.responsibleAssetId} onChange={(e) => set('responsibleAssetId', e.target.value)}>
              <option value="-1">{choices.isLoading ? 'Loading…' : 'None'}</option>
              {manager?.responsibleAsset && !assets.some((a) => a.id === manager.responsibleAsset?.id) ? (
                <option value={String(manager.responsibleAsset.id)}>{manager.responsibleAsset.name}</option>
              ) : null}
              <Options options={assets.map((a) => ({ value: String(a.id), label: a.name }))} />
            </Select>
          )}
        </FormField>
        <FormField id="sm-timezone" label="Time zone" error={errors.timezone}>
          {(control) => (
            <Select {...control} value={values.timezone} onChange={(e) => set('timezone', e.target.value)}>
              <option value="">{mode === 'create' ? "The SCI's default" : 'Unchanged'}</option>
              {values.timezone && !zones.includes(values.timezone) ? <option value={values.timezone}>{values.timezone}</option> : null}
              <Options options={zones.map((zone) => ({ value: zone, label: zone }))} />
            </Select>
          )}
        </FormField>
        <GroupChoices
          id="sm-users-groups"
          legend="Managed user groups"
          groups={choices.data?.groups ?? []}
          current={manager?.managedUsersGroups}
          isLoading={choices.isLoading}
          value={values.managedUsersGroupIds}
          onChange={(ids) => set('managedUsersGroupIds', ids)}
        />
        <GroupChoices
          id="sm-objects-groups"
          legend="Managed object groups"
          groups={choices.data?.groups ?? []}
          current={manager?.managedObjectsGroups}
          isLoading={choices.isLoading}
          value={values.managedObjectsGroupIds}
          onChange={(ids) => set('managedObjectsGroupIds', ids)}
        />
        <FormField id="sm-fingerprint" label="Certificate fingerprint" error={errors.fingerprint} hint="For certificate sign-in; leave blank for none.">
          {(control) => <Input {...control} className="font-mono" value={values.fingerprint} onChange={(e) => set('fingerprint', e.target.value)} />}
        </FormField>
        <div className="flex items-end pb-2">
          <Checkbox id="sm-locked" label="Locked" hint="A locked manager cannot sign in." checked={values.locked} onChange={(e) => set('locked', e.target.checked)} />
        </div>
      </FieldGroup>

      <div className="sticky bottom-0 flex justify-end gap-2 border-t border-slate-200 bg-slate-50/95 py-3 backdrop-blur">
        <ButtonLink href={cancelHref}>Cancel</ButtonLink>
        <Button type="submit" variant="primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : mode === 'create' ? 'Create security manager' : 'Save changes'}
        </Button>
      </div>
    </form>
  );
}
