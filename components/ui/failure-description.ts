import { isApiError } from '@/lib/api/api-error';
import { messageOf, vendorNames } from './error-panel';

/**
 * "HSS.1001: Invalid parameter · Huawei Cloud HSS · request id 5f3c…": what an admin quotes to the
 * vendor, as the error panel shows it, on one line (a toast, a bulk action's outcome list).
 */
export function failureDescription(error: unknown): string {
  const upstream = isApiError(error) ? error.upstream : undefined;
  if (!upstream) return messageOf(error);
  const said = upstream.message ? (upstream.code ? `${upstream.code}: ${upstream.message}` : upstream.message) : messageOf(error);
  const vendor = `${vendorNames[upstream.vendor]}${upstream.sciId !== undefined ? ` (SCI ${upstream.sciId})` : ''}`;
  return [said, vendor, upstream.requestId ? `request id ${upstream.requestId}` : undefined].filter(Boolean).join(' · ');
}
