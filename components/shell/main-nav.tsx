'use client';

import { Link } from '@/components/ui/link';
import { usePathname } from 'next/navigation';
import { useIsAdmin } from '@/components/shell/current-user';
import { cn } from '@/components/ui/cn';

/** Console sections. Organizations, Users and Scan tasks are added here as their pages land. */
export const navItems: Array<{ href: string; label: string; isAdminOnly?: boolean }> = [
  { href: '/', label: 'Overview' },
  { href: '/scans', label: 'Scans' },
  { href: '/organizations', label: 'Organizations' },
  { href: '/users', label: 'Users' },
  { href: '/scan-tasks', label: 'Scan tasks' },
  { href: '/audit', label: 'Audit', isAdminOnly: true },
];

export function MainNav() {
  const pathname = usePathname();
  // Only hides the link: the page and the API check the role themselves.
  const isAdmin = useIsAdmin();
  return (
    <nav aria-label="Main" className="flex items-center">
      {navItems
        .filter((item) => isAdmin || !item.isAdminOnly)
        .map((item) => {
          // '/' is the Overview alone, not a prefix of every page.
          const isActive = pathname === item.href || (item.href !== '/' && pathname.startsWith(`${item.href}/`));
          return (
            <Link
              key={item.href}
              href={item.href}
              aria-current={isActive ? 'page' : undefined}
              className={cn(
                'rounded-md px-2 py-1.5 text-sm font-medium transition-colors',
                isActive ? 'bg-slate-800 text-white' : 'text-slate-300 hover:bg-slate-800/60 hover:text-white',
              )}
            >
              {item.label}
            </Link>
          );
        })}
    </nav>
  );
}
