/**
 * Toasts after an action: done, or refused with the vendor's words. Sonner and the formatting load
 * on the first toast (./toasts.ts), not with the pages that can raise one.
 */
export function notifyDone(title: string): void {
  void import('./toasts').then((toasts) => toasts.showDone(title));
}

export function notifyFailed(title: string, error: unknown): void {
  void import('./toasts').then((toasts) => toasts.showFailed(title, error));
}
