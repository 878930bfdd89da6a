/** The list pages whose views can be saved. Apart from the schemas, so a list page can name them without zod. */
export const viewPages = ['scans', 'users', 'organizations', 'security-managers', 'scan-tasks', 'audit'] as const;
export type ViewPage = (typeof viewPages)[number];

const listKeys = ['pageSize', 'sort', 'order', 'q', 'columns'] as const;

/** Per page, the URL keys a saved view may hold: the table's filters, sort, page size and columns, never the page number. */
export const viewStateKeys: Record<ViewPage, readonly string[]> = {
  scans: [...listKeys, 'sciId', 'orgId'],
  users: [...listKeys, 'sciId', 'orgId'],
  organizations: [...listKeys, 'sciId'],
  'security-managers': listKeys,
  'scan-tasks': ['pageSize', 'scanType', 'taskId', 'startFrom', 'startTo'],
  audit: [...listKeys, 'from', 'to', 'user', 'action', 'outcome'],
};
