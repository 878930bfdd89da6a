import { describe, expect, it } from 'vitest';
import { organizationListConfig, organizationListParams } from '@/components/organizations/organization-list';
import { scanTaskListConfig, scanTaskListParams } from '@/components/scan-tasks/scan-task-list';
import { scanListConfig, scanListParams } from '@/components/scans/scan-list';
import { userListConfig, userListParams } from '@/components/users/user-list';
import { organizationListSearch } from '@/lib/api/organizations';
import { scanTaskListSearch } from '@/lib/api/scan-tasks';
import { scanListSearch } from '@/lib/api/scans';
import { userListSearch } from '@/lib/api/users';
import { listOrganizationsQuery } from '@/lib/schemas/organization';
import { listScansQuery } from '@/lib/schemas/scan';
import { listScanTasksQuery } from '@/lib/schemas/scan-task';
import { listUsersQuery } from '@/lib/schemas/user';
import { parseListState } from './list-state';

// A list page's server reads its first page by parsing the table's own query string with the
// route's schema: whatever a URL holds, that string must be one the route takes.
const urls = [
  '',
  'page=3&pageSize=10&sort=name&order=desc&q=web',
  'sciId=2&orgId=0&columns=email,zzz',
  'page=abc&pageSize=7&sort=nope&sciId=x',
  'scanType=full_scan&taskId=abc&startFrom=1&startTo=2',
];
const queryOf = (search: string) => Object.fromEntries(new URLSearchParams(search));

describe('each list page asks the BFF for what its route takes', () => {
  it.each(urls)('?%s', (url) => {
    const search = new URLSearchParams(url);
    expect(listUsersQuery.safeParse(queryOf(userListSearch(userListParams(parseListState(search, userListConfig))))).success).toBe(true);
    for (const isAdmin of [true, false]) {
      expect(listScansQuery.safeParse(queryOf(scanListSearch(scanListParams(parseListState(search, scanListConfig), isAdmin)))).success).toBe(true);
    }
    expect(
      listOrganizationsQuery.safeParse(queryOf(organizationListSearch(organizationListParams(parseListState(search, organizationListConfig))))).success,
    ).toBe(true);
    expect(listScanTasksQuery.safeParse(queryOf(scanTaskListSearch(scanTaskListParams(parseListState(search, scanTaskListConfig))))).success).toBe(true);
  });

  it('gives an admin’s scans their SCI, which a bulk deletion names', () => {
    const state = parseListState(new URLSearchParams('columns=status'), scanListConfig);
    expect(scanListParams(state, true).columns).toEqual(['name', 'status', 'sci']);
    expect(scanListParams(state, false).columns).toEqual(['name', 'status']);
  });
});
