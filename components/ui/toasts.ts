import { toast } from 'sonner';
import { isApiError } from '@/lib/api/api-error';
import { messageOf, vendorNames } from './error-panel';

/** Long enough to read and copy a request id; the close button ends it sooner. */
const failureMs = 15_000;

export function showDone(title: string): void {
  toast.success(title);
}

/** "HSS.1001: Invalid parameter · Huawei Cloud HSS · request id 5f3c…": what an admin quotes to the vendor, as the error panel shows it. */
export function failureDescription(error: unknown): string {
  const upstream = isApiError(error) ? error.upstream : undefined;
  if (!upstream) return messageOf(error);
  const said = upstream.message ? (upstream.code ? `${upstream.code}: ${upstream.message}` : upstream.message) : messageOf(error);
  const vendor = `${vendorNames[upstream.vendor]}${upstream.sciId !== undefined ? ` (SCI ${upstream.sciId})` : ''}`;
  return [said, vendor, upstream.requestId ? `request id ${upstream.requestId}` : undefined].filter(Boolean).join(' · ');
}

export function showFailed(title: string, error: unknown): void {
  toast.error(title, { description: failureDescription(error), duration: failureMs, closeButton: true });
}
