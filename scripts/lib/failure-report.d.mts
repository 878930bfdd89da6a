/** One entry per failed test of both runners' JSON reports (see failure-report.mjs). */
export function failureReport(input: { vitest: unknown; playwright: unknown; root: string; maxLines?: number }): string[];
