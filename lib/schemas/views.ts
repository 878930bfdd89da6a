import { z } from 'zod';
import { listAuditQuery } from './audit';
import { auditColumnIds } from './audit-fields';
import { listOrganizationsQuery, organizationColumnIds } from './organization';
import { listScansQuery, scanColumnIds } from './scan';
import { listScanTasksQuery } from './scan-task';
import { listSecurityManagersQuery, securityManagerColumnIds } from './security-manager';
import { listUsersQuery, userColumnIds } from './user';
import { type ViewPage, viewPages, viewStateKeys } from './view-pages';

export { type ViewPage, viewPages } from './view-pages';

/**
 * Per page: the URL keys a view may hold (`viewStateKeys`) and the list route's own parser, which
 * each saved state must pass.
 */
const pageRules: Record<ViewPage, { keys: readonly string[]; parser: z.ZodType; columns: readonly string[] }> = {
  scans: { keys: viewStateKeys.scans, parser: listScansQuery, columns: scanColumnIds },
  users: { keys: viewStateKeys.users, parser: listUsersQuery, columns: userColumnIds },
  organizations: { keys: viewStateKeys.organizations, parser: listOrganizationsQuery, columns: organizationColumnIds },
  'security-managers': { keys: viewStateKeys['security-managers'], parser: listSecurityManagersQuery, columns: securityManagerColumnIds },
  'scan-tasks': { keys: viewStateKeys['scan-tasks'], parser: listScanTasksQuery, columns: [] },
  audit: { keys: viewStateKeys.audit, parser: listAuditQuery, columns: auditColumnIds },
};

/** The most a saved state may hold, as JSON: a few filters and a column list fit many times over. */
export const maxViewStateBytes = 2_048;
export const maxViewNameLength = 60;

const page = z.enum(viewPages, { error: `must be one of ${viewPages.join(', ')}` });

const viewState = z.record(z.string().max(32), z.string().max(1_000));

/** Checks a state against its page: only that page's keys, each value as its list route reads it. */
function checkState(input: { page: ViewPage; state: Record<string, string> }, ctx: z.RefinementCtx): void {
  const rules = pageRules[input.page];
  const unknown = Object.keys(input.state).filter((key) => !rules.keys.includes(key));
  if (unknown.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['state'], message: `holds keys the ${input.page} list does not take: ${unknown.slice(0, 5).join(', ')}` });
    return;
  }
  if (JSON.stringify(input.state).length > maxViewStateBytes) {
    ctx.addIssue({ code: 'custom', path: ['state'], message: `is too large (at most ${maxViewStateBytes} characters)` });
    return;
  }
  const parsed = rules.parser.safeParse(input.state);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', path: ['state', ...issue.path.slice(0, 1).map(String)], message: issue.message });
    }
  }
}

export const listViewsQuery = z.object({ page });

/** POST /api/views: saves (or replaces, by name) the current view of a page. */
export const saveViewInput = z
  .object({
    page,
    name: z
      .string()
      .trim()
      .min(1, { error: 'give the view a name' })
      .max(maxViewNameLength, { error: `must be at most ${maxViewNameLength} characters` }),
    state: viewState,
    isDefault: z.boolean().optional(),
  })
  .superRefine(checkState);
export type SaveViewInput = z.infer<typeof saveViewInput>;

/** PATCH /api/views: the page's default view, or none (`id: null`). */
export const setDefaultViewInput = z.object({ page, id: z.uuid().nullable() });

export const viewParams = z.object({ id: z.uuid({ error: 'must be a view id' }) });

/** PUT /api/views/columns: the columns a user keeps visible on a page. */
export const setColumnsInput = z.object({ page, columns: z.array(z.string().max(64)).min(1).max(64) }).superRefine((input, ctx) => {
  const known = pageRules[input.page].columns;
  const unknown = input.columns.filter((c) => !known.includes(c));
  if (unknown.length > 0)
    ctx.addIssue({ code: 'custom', path: ['columns'], message: `not columns of the ${input.page} list: ${unknown.slice(0, 5).join(', ')}` });
  if (new Set(input.columns).size !== input.columns.length) ctx.addIssue({ code: 'custom', path: ['columns'], message: 'names a column twice' });
});

/** A saved view as the browser gets it (no user name: the answer is always the caller's own). */
export const savedViewSchema = z.object({
  id: z.string(),
  page: z.string(),
  name: z.string(),
  state: z.record(z.string(), z.string()),
  isDefault: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedViewDto = z.infer<typeof savedViewSchema>;

export const listViewsResponse = z.object({ views: z.array(savedViewSchema), columns: z.array(z.string()).nullable() });
export type ListViewsResponse = z.infer<typeof listViewsResponse>;
