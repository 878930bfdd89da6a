'use client';

import type { ReactNode, RefObject, SelectHTMLAttributes } from 'react';
import { type Control, type FieldPath, type FieldValues, type FormState, useController } from 'react-hook-form';
import { FormErrorSummary, type FieldLocation } from './form-error-summary';
import { type FieldErrors, fieldErrorsFromForm } from './form-errors';
import { FormField } from './form-field';
import { Select } from './input';

/**
 * A form's fields in the order they appear: each key's control id and label, written once and used by
 * the fields themselves and by the error summary that links to them.
 */
export type FormFields = Record<string, FieldLocation>;

/** The flat error keys of a react-hook-form state, as the summary and the fields read them. */
export function useFieldErrors<V extends FieldValues>(formState: FormState<V>): FieldErrors {
  return fieldErrorsFromForm(formState.errors as Record<string, unknown>);
}

/** Props for a FormField from the form's field list: its id, its label and its current error. */
export function fieldProps(fields: FormFields, errors: FieldErrors, key: string): { id: string; label: string; error: string | undefined } {
  const field = fields[key];
  if (!field) throw new Error(`no field ${key} in this form`);
  return { id: field.id, label: field.label, error: errors[key] };
}

/** Moves focus to the summary once it has rendered, so a keyboard or screen reader user lands on the list of problems. */
export function focusSoon(ref: RefObject<HTMLElement | null>) {
  requestAnimationFrame(() => ref.current?.focus());
}

/** The errors of the last submit above the form: the vendor's refusal, the fields to fix, and a failed lookup. */
export function FormProblems({
  summaryRef,
  summaryId,
  errors,
  fields,
  refusal,
  lookupError,
}: {
  summaryRef: RefObject<HTMLDivElement | null>;
  summaryId: string;
  errors: FieldErrors;
  fields: FormFields;
  /** The vendor's refusal of the last request, with its code, message and request id. */
  refusal?: ReactNode;
  /** Choices that could not be loaded. */
  lookupError?: ReactNode;
}) {
  return (
    <div ref={summaryRef} tabIndex={-1} className="space-y-3 outline-none">
      {refusal}
      <FormErrorSummary id={summaryId} errors={errors} fields={fields} />
      {lookupError}
    </div>
  );
}

type SelectFieldProps<V extends FieldValues, T extends FieldValues> = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'value' | 'onChange' | 'id'> & {
  control: Control<V, unknown, T>;
  name: FieldPath<V>;
  /** The key of its id, label and error in `fields`, when not the value's own name. */
  fieldKey?: string;
  fields: FormFields;
  errors: FieldErrors;
  isRequired?: boolean;
  hint?: ReactNode;
  fieldClassName?: string;
  /** Runs after the form has the new value, e.g. to clear choices that depended on the old one. */
  onValueChange?: (value: string) => void;
  children: ReactNode;
};

/**
 * A labelled select held by the form. Controlled, so a choice made before its options have loaded
 * (an edit form's current value) stays chosen once they arrive.
 */
export function SelectField<V extends FieldValues, T extends FieldValues = V>({
  control,
  name,
  fieldKey,
  fields,
  errors,
  isRequired,
  hint,
  fieldClassName,
  onValueChange,
  children,
  ...props
}: SelectFieldProps<V, T>) {
  const { field } = useController({ control, name });
  return (
    <FormField {...fieldProps(fields, errors, fieldKey ?? name)} isRequired={isRequired} hint={hint} className={fieldClassName}>
      {(aria) => (
        <Select
          {...props}
          {...aria}
          ref={field.ref}
          name={field.name}
          value={field.value ?? ''}
          onBlur={field.onBlur}
          onChange={(event) => {
            field.onChange(event.target.value);
            onValueChange?.(event.target.value);
          }}
        >
          {children}
        </Select>
      )}
    </FormField>
  );
}
