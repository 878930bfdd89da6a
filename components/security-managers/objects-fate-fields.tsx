'use client';

import { useId, useState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { Options, Select } from '@/components/ui/input';
import type { SciUserRef } from '@/lib/schemas/security-manager';
import { managerName } from './security-manager-format';

/** What becomes of a deleted manager's objects: handed to another user, or deleted with them. No default: both are deliberate. */
export type ObjectsFate = 'hand' | 'delete' | undefined;

type ObjectsFateFieldsProps = {
  fate: ObjectsFate;
  onFateChange: (fate: 'hand' | 'delete') => void;
  /** the chosen heir's id on the SCI, '' for none yet */
  heir: string;
  onHeirChange: (heir: string) => void;
  /** users of the organization who may take the objects */
  heirs: SciUserRef[];
  isLoadingHeirs: boolean;
  organizationName: string;
  /** why the choice is not complete yet */
  error: string | undefined;
};

/** The choice a security manager's deletion needs, single or in bulk. */
export function ObjectsFateFields({ fate, onFateChange, heir, onHeirChange, heirs, isLoadingHeirs, organizationName, error }: ObjectsFateFieldsProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <fieldset className="space-y-2" aria-describedby={error ? errorId : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-800">Their objects</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name={`${id}-fate`} checked={fate === 'hand'} onChange={() => onFateChange('hand')} className="accent-indigo-600" />
        Hand them to another user
      </label>
      {fate === 'hand' ? (
        <FormField id={`${id}-migrate`} label="Move their objects to" hint={`Users of ${organizationName}.`}>
          {(control) => (
            <Select {...control} value={heir} onChange={(e) => onHeirChange(e.target.value)}>
              <option value="">{isLoadingHeirs ? 'Loading…' : 'Choose a user'}</option>
              <Options options={heirs.map((u) => ({ value: String(u.id), label: managerName(u) }))} />
            </Select>
          )}
        </FormField>
      ) : null}
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name={`${id}-fate`} checked={fate === 'delete'} onChange={() => onFateChange('delete')} className="accent-red-600" />
        Delete their objects too
      </label>
      {error ? (
        <p id={errorId} role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * The choice's state for a delete dialog: the fields' props, a check before deleting (which shows
 * what is missing at the fields) and the DELETE body it makes.
 */
export function useObjectsFate() {
  const [fate, setFate] = useState<ObjectsFate>(undefined);
  const [heir, setHeir] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  return {
    fate,
    fields: {
      fate,
      heir,
      error,
      onFateChange: (next: 'hand' | 'delete') => {
        setFate(next);
        setError(undefined);
      },
      onHeirChange: (next: string) => {
        setHeir(next);
        setError(undefined);
      },
    },
    reset: () => {
      setFate(undefined);
      setHeir('');
      setError(undefined);
    },
    /** true when the choice is complete; otherwise the fields say what is missing */
    check: (): boolean => {
      const missing =
        fate === undefined ? 'Choose what happens to their objects.' : fate === 'hand' && heir === '' ? 'Choose the user who takes their objects.' : undefined;
      setError(missing);
      return missing === undefined;
    },
    /** the DELETE body: the heir's SCI id, or nothing (the objects go with the manager) */
    body: (): { migrateUserId: number } | undefined => (fate === 'hand' ? { migrateUserId: Number(heir) } : undefined),
  };
}
