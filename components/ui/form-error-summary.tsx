import type { FieldErrors } from './form-errors';

export type FieldLocation = { id: string; label: string };

/**
 * The list of what needs fixing, in form order, each linked to its control. `fields` lists the
 * form's error keys in the order they appear; a nested key (`schedule.start`) falls back to its head.
 */
export function FormErrorSummary({ errors, fields, id }: { errors: FieldErrors; fields: Record<string, FieldLocation>; id: string }) {
  const order = Object.keys(fields);
  const locate = (key: string): FieldLocation => fields[key] ?? fields[key.split('.')[0] ?? ''] ?? { id: '', label: key === 'form' ? 'Form' : key };
  const rank = (key: string) => {
    const index = order.indexOf(key in fields ? key : (key.split('.')[0] ?? ''));
    return index === -1 ? order.length : index;
  };
  const entries = Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b));
  if (entries.length === 0) return null;
  const titleId = `${id}-title`;
  return (
    <div
      role="alert"
      aria-labelledby={titleId}
      data-testid="form-error-summary"
      className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900"
    >
      <p id={titleId} className="font-semibold">
        {entries.length === 1 ? 'One field needs attention' : `${entries.length} fields need attention`}
      </p>
      <ul className="mt-2 list-disc space-y-0.5 pl-5">
        {entries.map(([key, message]) => {
          const field = locate(key);
          return (
            <li key={key}>
              {field.id ? (
                <a href={`#${field.id}`} className="underline">
                  {field.label}
                </a>
              ) : (
                field.label
              )}
              : {message}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
