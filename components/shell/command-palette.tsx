'use client';

import { useQuery } from '@tanstack/react-query';
import { Command } from 'cmdk';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { knownScanTypes, taskStatusValues } from '@/components/scan-tasks/scan-task-format';
import { Dialog } from '@/components/ui/dialog';
import { organizationListOptions } from '@/lib/api/organizations';
import { scanTaskListOptions } from '@/lib/api/scan-tasks';
import { scanListOptions } from '@/lib/api/scans';
import { userListOptions } from '@/lib/api/users';
import { useIsAdmin } from './current-user';
import { navItems } from './main-nav';
import { matchTasks, paletteSearch, type PaletteHit } from './palette-search';

type CommandPaletteProps = {
  onOpenChange: (isOpen: boolean) => void;
  onShowShortcuts: () => void;
};

function useDebounced(value: string, delayMs: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

const item =
  'flex cursor-pointer items-baseline justify-between gap-3 rounded-md px-3 py-2 text-sm text-slate-800 data-[selected=true]:bg-indigo-50 data-[selected=true]:text-indigo-900';
const group =
  'px-2 pb-1 [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:text-slate-600';

/**
 * ⌘K / Ctrl+K: jump to a page, or to a scan, organization, user or task by name. Loaded on first
 * use, so no page carries cmdk or the dialog; open while mounted. Director searches go through the list routes with
 * `q` after a pause in typing, one small page each; HSS tasks (which have no name, only an id) are
 * matched in one cached page of recent tasks, so typing never spends the HSS call budget.
 */
export function CommandPalette({ onOpenChange, onShowShortcuts }: CommandPaletteProps) {
  const router = useRouter();
  const isAdmin = useIsAdmin();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), paletteSearch.debounceMs);
  const isSearching = q.length >= paletteSearch.minLength;
  const list = { page: 1, pageSize: paletteSearch.pageSize, order: 'asc', q } as const;

  const scans = useQuery({ ...scanListOptions({ ...list, columns: ['name', 'sci'] }), enabled: isSearching });
  const organizations = useQuery({ ...organizationListOptions({ ...list, columns: ['name', 'sci'] }), enabled: isSearching });
  const users = useQuery({ ...userListOptions({ ...list, columns: ['username', 'firstname', 'lastname', 'sci'] }), enabled: isSearching });
  const tasks = useQuery({
    ...scanTaskListOptions({ page: 1, pageSize: paletteSearch.taskPageSize }),
    enabled: isSearching,
    staleTime: paletteSearch.taskStaleMs,
    refetchInterval: false,
  });

  function go(href: string) {
    onOpenChange(false);
    router.push(href);
  }

  const needle = text.trim().toLowerCase();
  const pages = [
    ...navItems.filter((nav) => isAdmin || !nav.isAdminOnly).map((nav) => ({ href: nav.href, label: nav.label })),
    ...(isAdmin ? [{ href: '/scans/new', label: 'New scan' }] : []),
  ].filter((page) => page.label.toLowerCase().includes(needle));
  const showsShortcuts = 'keyboard shortcuts'.includes(needle);

  const hits: Array<{ heading: string; query: { isError: boolean; error: Error | null }; items: PaletteHit[] }> = isSearching
    ? [
        {
          heading: 'Scans',
          query: scans,
          items: (scans.data?.items ?? []).map((scan) => ({ href: `/scans/${scan.id}`, label: scan.name ?? `Scan ${scan.id}`, detail: scan.sci?.name })),
        },
        {
          heading: 'Organizations',
          query: organizations,
          items: (organizations.data?.items ?? []).map((org) => ({
            href: `/organizations/${org.id}`,
            label: org.name ?? `Organization ${org.id}`,
            detail: org.sci?.name,
          })),
        },
        {
          heading: 'Users',
          query: users,
          items: (users.data?.items ?? []).map((user) => ({
            href: `/users/${user.id}`,
            label: user.username ?? `User ${user.id}`,
            detail: [[user.firstname, user.lastname].filter(Boolean).join(' '), user.sci?.name].filter(Boolean).join(' · '),
          })),
        },
        {
          heading: 'Scan tasks',
          query: tasks,
          items: matchTasks(tasks.data?.items ?? [], q).map((task) => ({
            href: `/scan-tasks/${encodeURIComponent(task.id)}`,
            label: `Task ${task.id}`,
            detail: [
              task.scanType ? (knownScanTypes[task.scanType as keyof typeof knownScanTypes]?.label ?? task.scanType) : undefined,
              task.status ? (taskStatusValues(task)[task.status]?.label ?? task.status) : undefined,
            ]
              .filter(Boolean)
              .join(' · '),
          })),
        },
      ]
    : [];
  const isLoading = isSearching && [scans, organizations, users, tasks].some((query) => query.isFetching);
  const hasResults = pages.length > 0 || showsShortcuts || hits.some((hit) => hit.items.length > 0);
  const failed = hits.filter((hit) => hit.query.isError);
  let status = '';
  if (isLoading) status = 'Searching…';
  else if (needle.length > 0 && needle.length < paletteSearch.minLength)
    status = `Type ${paletteSearch.minLength} characters or more to search scans, organizations, users and tasks.`;
  else if (!hasResults) status = 'Nothing matches.';

  return (
    <Dialog isOpen onOpenChange={onOpenChange} title="Command palette" isTitleHidden className="top-[10vh] overflow-hidden p-0">
      <Command shouldFilter={false} label="Jump to a page, scan, organization, user or task" loop>
        <Command.Input
          value={text}
          onValueChange={setText}
          placeholder="Jump to a page, scan, organization, user or task…"
          className="w-full border-b border-slate-200 bg-transparent px-4 py-3 text-sm text-slate-900 placeholder:text-slate-500 focus:outline-none"
        />
        <Command.List className="max-h-[60vh] overflow-y-auto py-2" data-testid="palette-results">
          {pages.length > 0 || showsShortcuts ? (
            <Command.Group heading="Pages" className={group}>
              {pages.map((page) => (
                <Command.Item key={page.href} value={`page:${page.href}`} onSelect={() => go(page.href)} className={item}>
                  {page.label}
                </Command.Item>
              ))}
              {showsShortcuts ? (
                <Command.Item value="action:shortcuts" onSelect={onShowShortcuts} className={item}>
                  Keyboard shortcuts
                </Command.Item>
              ) : null}
            </Command.Group>
          ) : null}
          {hits.map(({ heading, items }) =>
            items.length > 0 ? (
              <Command.Group key={heading} heading={heading} className={group}>
                {items.slice(0, paletteSearch.shownPerKind).map((hit) => (
                  <Command.Item key={hit.href} value={hit.href} onSelect={() => go(hit.href)} className={item}>
                    <span className="truncate">{hit.label}</span>
                    {hit.detail ? <span className="shrink-0 text-xs text-slate-600">{hit.detail}</span> : null}
                  </Command.Item>
                ))}
              </Command.Group>
            ) : null,
          )}
        </Command.List>
        {/* Outside the listbox, which may only hold options; read out as it changes. */}
        <div role="status" className="border-t border-slate-200 px-5 py-2 text-xs text-slate-600 empty:hidden">
          {status}
          {failed.map(({ heading, query }) => (
            <p key={heading} className="text-red-700">
              Could not search {heading.toLowerCase()}: {query.error?.message}
            </p>
          ))}
        </div>
      </Command>
    </Dialog>
  );
}
