'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { type Control, useController, useForm, useWatch } from 'react-hook-form';
import { timeZoneOptions } from '@/lib/format/schedule';
import { Button, ButtonLink } from '@/components/ui/button';
import { ErrorPanel } from '@/components/ui/error-panel';
import { notifyDone, notifyFailed } from '@/components/ui/notify';
import { fieldProps, focusSoon, FormProblems, type FormFields, SelectField, useFieldErrors } from '@/components/ui/form';
import type { FieldLocation } from '@/components/ui/form-error-summary';
import { setServerErrors } from '@/components/ui/form-errors';
import { FieldGroup, FormField } from '@/components/ui/form-field';
import { Checkbox } from '@/components/ui/form-controls';
import { Input, Options, type Option } from '@/components/ui/input';
import { isApiError } from '@/lib/api/api-error';
import { securityManagerChoicesOptions, useCreateSecurityManager, useUpdateSecurityManager } from '@/lib/api/security-managers';
import type { Ref } from '@/lib/schemas/common';
import {
  authTypes,
  emailNotices,
  isLinkedAuth,
  roleNameFor,
  usesLocalPassword,
  type CreateSecurityManager,
  type SecurityManagerRow,
  type UpdateSecurityManager,
} from '@/lib/schemas/security-manager';
import { authTypeLabels, emailNoticeLabels, groupName, managerName } from './security-manager-format';
import {
  changedFields,
  createSecurityManagerFormSchema,
  defaultSecurityManagerFormValues,
  formValuesFromRow,
  type SecurityManagerFormValues,
  updateSecurityManagerFormSchema,
} from './security-manager-form-values';

const authTypeChoices: Option[] = authTypes.map((type) => ({ value: type, label: authTypeLabels[type] }));
const emailNoticeChoices: Option[] = emailNotices.map((notice) => ({ value: notice, label: emailNoticeLabels[notice] ?? notice }));

/** Every field in form order: its control's id and its label, for the fields and the error summary. */
const fields: FormFields = {
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
  locked: { id: 'sm-locked', label: 'Locked' },
};

const textFields = ['firstname', 'lastname', 'title', 'address', 'city', 'state', 'country', 'phone', 'fax'] as const;

/** The SCI's groups, plus any the manager already has that the SCI did not list (e.g. "All Groups"). */
function GroupChoices({
  control,
  name,
  groups,
  current,
  isLoading,
}: {
  control: Control<SecurityManagerFormValues, unknown, CreateSecurityManager | UpdateSecurityManager>;
  name: 'managedUsersGroupIds' | 'managedObjectsGroupIds';
  groups: Ref[];
  current: Ref[] | undefined;
  isLoading: boolean;
}) {
  const { id, label: legend } = fields[name] as FieldLocation;
  const { field } = useController({ control, name });
  const value = field.value;
  const onChange = field.onChange;
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
          label={groupName(group)}
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
  const [initial] = useState<SecurityManagerFormValues>(() => (manager ? formValuesFromRow(manager) : defaultSecurityManagerFormValues()));
  const [schema] = useState(() => (mode === 'create' ? createSecurityManagerFormSchema : updateSecurityManagerFormSchema(initial)));
  const [zones, setZones] = useState<string[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const creation = useCreateSecurityManager(orgId);
  const update = useUpdateSecurityManager(orgId, manager ? String(manager.id) : '');
  const mutation = mode === 'create' ? creation : update;
  const form = useForm<SecurityManagerFormValues, unknown, CreateSecurityManager | UpdateSecurityManager>({
    resolver: zodResolver(schema),
    defaultValues: initial,
    // Errors show on submit and stay until the next one, with the summary listing them all.
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const { register, control, setValue, setError, handleSubmit } = form;
  const errors = useFieldErrors(form.formState);
  // Read while rendering so react-hook-form keeps it up to date: the PATCH is built from it.
  const { dirtyFields } = form.formState;
  const f = (key: string) => fieldProps(fields, errors, key);

  // Everything offered comes from the organization's SCI, in that SCI's ids.
  const choices = useQuery(securityManagerChoicesOptions(orgId));
  const administrators = choices.data?.administrators ?? [];
  const assets = choices.data?.assets ?? [];
  const ldaps = choices.data?.ldaps ?? [];
  const lookupError = choices.error;

  // The zone list comes from the browser's Intl after hydration, so server and client render alike.
  useEffect(() => {
    setZones(timeZoneOptions(initial.timezone));
  }, [initial.timezone]);

  const isLinkedLocked = mode === 'edit' && isLinkedAuth(initial.authType);
  const [authType, emailNotice, timezone] = useWatch({ control, name: ['authType', 'emailNotice', 'timezone'] });

  const failedTitle = mode === 'create' ? 'The security manager was not created' : 'The changes were not saved';
  const onServerError = (error: unknown) => {
    notifyFailed(failedTitle, error);
    if (isApiError(error)) setServerErrors(setError as (name: string, error: { type: string; message: string }) => void, error.details);
    focusSoon(summaryRef);
  };
  const onSuccess = (row: SecurityManagerRow) => {
    notifyDone(`Security manager '${managerName(row)}' ${mode === 'create' ? 'created' : 'saved'}`);
    router.push(`/organizations/${encodeURIComponent(orgId)}/security-managers/${row.id}`);
  };

  const onSubmit = handleSubmit(
    (value) => {
      mutation.reset();
      let body = value;
      if (mode === 'edit') {
        const patch = changedFields(value as UpdateSecurityManager, dirtyFields);
        if (!patch) {
          setError('root', { type: 'form', message: 'nothing was changed' });
          focusSoon(summaryRef);
          return;
        }
        body = patch;
      }
      // Once sent, the password has no reason to stay in the page.
      setValue('password', '');
      setValue('passwordConfirm', '');
      if (mode === 'create') creation.mutate(body as CreateSecurityManager, { onSuccess, onError: onServerError });
      else update.mutate(body as UpdateSecurityManager, { onSuccess, onError: onServerError });
    },
    () => {
      mutation.reset();
      focusSoon(summaryRef);
    },
  );

  const cancelHref =
    mode === 'create'
      ? `/organizations/${encodeURIComponent(orgId)}/security-managers`
      : `/organizations/${encodeURIComponent(orgId)}/security-managers/${manager.id}`;
  const roleName = roleNameFor(authType);
  const sciRole = roleName === 'SM-Linked' ? choices.data?.roles.smLinked : choices.data?.roles.securityManager;
  const roleLabel = choices.isLoading ? 'Loading…' : sciRole ? `${sciRole.name} (${sciRole.id} on this SCI)` : `${roleName}: not found on this SCI`;
  const select = { control, fields, errors };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label={mode === 'create' ? 'New security manager' : 'Edit security manager'}>
      <FormProblems
        summaryRef={summaryRef}
        summaryId="sm-form-summary"
        errors={errors}
        fields={fields}
        refusal={mutation.error ? <ErrorPanel title={failedTitle} error={mutation.error} /> : null}
        lookupError={lookupError ? <ErrorPanel title="Some choices could not be loaded" error={lookupError} /> : null}
      />

      <FieldGroup
        legend="Sign-in"
        description={
          isLinkedLocked ? 'A linked user keeps its role, group, sign-in type, parent and password settings; the SCI refuses changes to them.' : undefined
        }
      >
        <SelectField {...select} name="authType" isRequired disabled={isLinkedLocked}>
          <Options options={authTypeChoices} />
        </SelectField>
        <FormField
          {...f('roleId')}
          error={errors.roleId ?? errors.authType}
          hint="Follows the sign-in type; linked non-admin users take the SCI's SM-Linked role."
        >
          {(aria) => <Input {...aria} value={roleLabel} readOnly disabled />}
        </FormField>
        <FormField {...f('username')} isRequired>
          {(aria) => <Input {...aria} {...register('username')} autoComplete="off" maxLength={128} />}
        </FormField>
        <FormField id="sm-group" label="Group" hint="Set by the SCI: security managers belong to the organization's Full Access group.">
          {(aria) => <Input {...aria} value={manager?.group ? `${manager.group.name} (${manager.group.id})` : 'Full Access'} readOnly disabled />}
        </FormField>

        {usesLocalPassword(authType) ? (
          <>
            <FormField
              {...f('password')}
              label={mode === 'edit' ? 'New password' : 'Password'}
              isRequired={mode === 'create'}
              hint={
                mode === 'edit'
                  ? "Leave blank to keep the current password. The SCI's password rules apply."
                  : "The SCI's password rules apply (its minimum length, for one)."
              }
            >
              {(aria) => <Input {...aria} {...register('password')} type="password" autoComplete="new-password" disabled={isLinkedLocked} />}
            </FormField>
            <FormField {...f('passwordConfirm')} isRequired={mode === 'create'}>
              {(aria) => <Input {...aria} {...register('passwordConfirm')} type="password" autoComplete="new-password" disabled={isLinkedLocked} />}
            </FormField>
            <FormField {...f('passwordExpiration')} hint="1 to 365; used when expiry is on.">
              {(aria) => <Input {...aria} {...register('passwordExpiration')} type="number" min={1} max={365} />}
            </FormField>
            <div className="space-y-2 md:pt-6">
              <Checkbox id="sm-must-change" label="Must change password at next login" disabled={isLinkedLocked} {...register('mustChangePassword')} />
              <Checkbox id="sm-password-expires" label="Password expires" disabled={isLinkedLocked} {...register('passwordExpires')} />
              <Checkbox
                id="sm-password-override"
                label="Override the organization's expiry"
                disabled={isLinkedLocked}
                {...register('passwordExpirationOverride')}
              />
            </div>
          </>
        ) : null}

        {authType === 'ldap' ? (
          <SelectField {...select} name="ldapId" isRequired hint="The organization's LDAP servers. The LDAP username mirrors the username.">
            <option value="">{choices.isLoading ? 'Loading…' : ldaps.length === 0 ? 'The SCI has no LDAP server' : 'Choose an LDAP server'}</option>
            <Options options={ldaps.map((l) => ({ value: String(l.id), label: l.name }))} />
          </SelectField>
        ) : null}

        {authType === 'saml' ? (
          <p className="self-center text-sm text-slate-600 md:col-span-2">
            SAML users sign in through the identity provider; there is nothing more to set here.
          </p>
        ) : null}

        {isLinkedAuth(authType) ? (
          <SelectField {...select} name="parentId" isRequired hint="An administrator of this organization's SCI." disabled={isLinkedLocked}>
            <option value="">{choices.isLoading ? 'Loading…' : 'Choose an administrator'}</option>
            {isLinkedLocked && manager?.parent && !administrators.some((a) => a.id === manager.parent?.user.id) ? (
              <option value={String(manager.parent.user.id)}>{managerName(manager.parent.user)}</option>
            ) : null}
            <Options options={administrators.map((a) => ({ value: String(a.id), label: managerName(a) }))} />
          </SelectField>
        ) : null}
      </FieldGroup>

      <FieldGroup legend="Contact">
        {textFields.slice(0, 3).map((key) => (
          <FormField key={key} {...f(key)}>
            {(aria) => <Input {...aria} {...register(key)} />}
          </FormField>
        ))}
        <FormField {...f('email')} isRequired={emailNotice !== '' && emailNotice !== 'none'}>
          {(aria) => <Input {...aria} {...register('email')} type="email" autoComplete="off" />}
        </FormField>
        <SelectField {...select} name="emailNotice" hint="Any notice needs an e-mail address.">
          <Options options={emailNoticeChoices} />
        </SelectField>
        {textFields.slice(3).map((key) => (
          <FormField key={key} {...f(key)}>
            {(aria) => <Input {...aria} {...register(key)} />}
          </FormField>
        ))}
      </FieldGroup>

      <FieldGroup legend="Access and preferences">
        <SelectField {...select} name="responsibleAssetId" hint="An asset of the organization's SCI.">
          <option value="-1">{choices.isLoading ? 'Loading…' : 'None'}</option>
          {manager?.responsibleAsset && !assets.some((a) => a.id === manager.responsibleAsset?.id) ? (
            <option value={String(manager.responsibleAsset.id)}>{manager.responsibleAsset.name}</option>
          ) : null}
          <Options options={assets.map((a) => ({ value: String(a.id), label: a.name }))} />
        </SelectField>
        <SelectField {...select} name="timezone">
          <option value="">{mode === 'create' ? "The SCI's default" : 'Unchanged'}</option>
          {timezone && !zones.includes(timezone) ? <option value={timezone}>{timezone}</option> : null}
          <Options options={zones.map((zone) => ({ value: zone, label: zone }))} />
        </SelectField>
        <GroupChoices
          control={control}
          name="managedUsersGroupIds"
          groups={choices.data?.groups ?? []}
          current={manager?.managedUsersGroups}
          isLoading={choices.isLoading}
        />
        <GroupChoices
          control={control}
          name="managedObjectsGroupIds"
          groups={choices.data?.groups ?? []}
          current={manager?.managedObjectsGroups}
          isLoading={choices.isLoading}
        />
        <FormField {...f('fingerprint')} hint="For certificate sign-in; leave blank for none.">
          {(aria) => <Input {...aria} {...register('fingerprint')} className="font-mono" />}
        </FormField>
        <div className="flex items-end pb-2">
          <Checkbox id="sm-locked" label="Locked" hint="A locked manager cannot sign in." {...register('locked')} />
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
