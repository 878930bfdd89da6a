// The scan form's fixed choices: plain values, no zod, and apart from scan-fields.ts, which the
// scans list loads for its columns.

export const timeoutActions = ['discard', 'import', 'rollover'] as const;

export const rolloverTypes = ['nextDay', 'template'] as const;

export const scheduleTypes = ['never', 'template', 'ical', 'rollover', 'dependent'] as const;

export const scanTypes = ['policy', 'plugin'] as const;
