/** A form's errors: field key → the first message, shared by every resource form. */
export type FieldErrors = Record<string, string>;

/** The form's field keys: schema paths joined with dots, e.g. `schedule.start`. */
export function fieldErrorsFromIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || 'form';
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The server's 400 `details` in the same keys, so its messages land beside the same fields. */
export function fieldErrorsFromDetails(details: Record<string, string[]> | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, messages] of Object.entries(details ?? {})) {
    const first = messages[0];
    if (first) errors[key.replace(/\[(\d+)\]/g, '.$1') || 'form'] = first;
  }
  return errors;
}

type HookError = { message?: unknown; [key: string]: unknown };

/**
 * react-hook-form's nested errors in the summary's flat keys (`schedule.start`); a `root` error is
 * the form's own (`form`). The DOM `ref` react-hook-form keeps beside each message is skipped.
 */
export function fieldErrorsFromForm(errors: Record<string, unknown>, prefix = ''): FieldErrors {
  const flat: FieldErrors = {};
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== 'object' || key === 'ref' || key === 'types') continue;
    const path = prefix ? `${prefix}.${key}` : key === 'root' ? 'form' : key;
    const { message } = value as HookError;
    if (typeof message === 'string' && message !== '') flat[path] ??= message;
    else Object.assign(flat, fieldErrorsFromForm(value as Record<string, unknown>, path));
  }
  return flat;
}

/** The server's 400 `details` set on the form, each beside its field; keys without a field go to the form. */
export function setServerErrors(setError: (name: string, error: { type: string; message: string }) => void, details: Record<string, string[]> | undefined) {
  for (const [key, message] of Object.entries(fieldErrorsFromDetails(details))) setError(key === 'form' ? 'root' : key, { type: 'server', message });
}
