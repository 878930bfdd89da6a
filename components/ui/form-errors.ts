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
