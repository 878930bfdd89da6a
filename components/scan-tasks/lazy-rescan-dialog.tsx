'use client';

import { type ComponentProps, lazy, Suspense } from 'react';
import { Button } from '@/components/ui/button';
import type { RescanDialog as Dialog } from './rescan-dialog';

// Admin-only, and used on a click: the dialog and its request come after the task page's first load
// (held to its budget). Until they arrive the button shows, disabled.
const RescanDialog = lazy(() => import('./rescan-dialog').then((m) => ({ default: m.RescanDialog })));

export function LazyRescanDialog(props: ComponentProps<typeof Dialog>) {
  return (
    <Suspense fallback={<Button disabled>{props.scope === 'chosen' ? `Rescan chosen hosts (${props.hosts.length})` : 'Rescan failed hosts'}</Button>}>
      <RescanDialog {...props} />
    </Suspense>
  );
}
