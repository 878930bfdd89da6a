'use client';

import { type ComponentProps, lazy, Suspense } from 'react';
import { Button } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';
import type { RescanDialog as Dialog } from './rescan-dialog';

// Admin-only, and used on a click: the dialog and its request come after the task page's first load
// (held to its budget). Until they arrive the button shows, disabled.
const RescanDialog = lazy(() => import('./rescan-dialog').then((m) => ({ default: m.RescanDialog })));

export function LazyRescanDialog(props: ComponentProps<typeof Dialog>) {
  // Not rendered by the server: its enabled button would show before its handler loads, and a click then did nothing.
  const isHydrated = useHydrated();
  const waiting = <Button disabled>{props.scope === 'chosen' ? `Rescan chosen hosts (${props.hosts.length})` : 'Rescan failed hosts'}</Button>;
  if (!isHydrated) return waiting;
  return (
    <Suspense fallback={waiting}>
      <RescanDialog {...props} />
    </Suspense>
  );
}
