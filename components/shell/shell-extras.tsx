'use client';

import { Toaster } from 'sonner';
import { useHeadingFocus } from './heading-focus';

/**
 * Toasts in the app's own palette (unstyled: sonner's colours would ignore the dark theme), so
 * they follow it as every other surface does. Sonner's list is a polite live region; it replays
 * toasts raised before it subscribed, so a toast raised while this chunk loads is still shown.
 */
export default function ShellExtras({ firstPath }: { firstPath: string }) {
  useHeadingFocus(firstPath);
  return (
    <Toaster
      position="bottom-right"
      containerAriaLabel="Notifications"
      toastOptions={{
        unstyled: true,
        classNames: {
          toast: 'flex w-[356px] max-w-[calc(100vw-2rem)] items-start gap-2 rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-900 shadow-lg',
          error: 'border-red-300 [&_[data-icon]]:text-red-700',
          success: 'border-emerald-300 [&_[data-icon]]:text-emerald-700',
          title: 'font-semibold',
          description: 'mt-0.5 text-slate-700 break-words',
          icon: 'mt-0.5',
          closeButton: 'order-last ml-auto rounded px-1 text-slate-600 hover:text-slate-900',
        },
      }}
    />
  );
}
