'use client';

import { Link } from '@/components/ui/link';
import { useSyncExternalStore, type ReactNode } from 'react';
import { listHref } from './list-return';

// Apart from ./list-return.tsx, which every list loads to remember its state: only detail and form
// pages link back.

const subscribe = () => () => {};

/** A link back to a list, carrying the list's last state once the page is in the browser. */
export function ListBackLink({ path, children }: { path: string; children: ReactNode }) {
  const href = useSyncExternalStore(
    subscribe,
    () => listHref(path),
    () => path,
  );
  return (
    <Link href={href} className="hover:text-slate-800">
      {children}
    </Link>
  );
}
