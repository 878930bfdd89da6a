import { toast } from 'sonner';
import { failureDescription } from './failure-description';

/** Long enough to read and copy a request id; the close button ends it sooner. */
const failureMs = 15_000;

export function showDone(title: string): void {
  toast.success(title);
}

export function showFailed(title: string, error: unknown): void {
  toast.error(title, { description: failureDescription(error), duration: failureMs, closeButton: true });
}
