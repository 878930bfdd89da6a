import { useId } from 'react';
import { isApiError } from '@/lib/api/api-error';
import { Button } from './button';
import { cn } from './cn';

export const vendorNames = {
  director: 'Tenable Security Center Director',
  hss: 'Huawei Cloud HSS',
  iam: 'Huawei Cloud IAM',
  sci: 'Tenable Security Center',
} as const;

type ErrorPanelProps = {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  className?: string;
};

export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

/**
 * Says what failed and, when a vendor refused, what the vendor said and its request id, so an
 * administrator can quote it to the vendor. Named "error-panel" because Next renders its own
 * hidden role="alert" element and tests need to tell them apart.
 */
export function ErrorPanel({ error, title = 'Something went wrong', onRetry, className }: ErrorPanelProps) {
  const titleId = useId();
  const upstream = isApiError(error) ? error.upstream : undefined;
  return (
    <div
      role="alert"
      aria-labelledby={titleId}
      data-testid="error-panel"
      className={cn('rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900', className)}
    >
      <p id={titleId} className="font-semibold">
        {title}
      </p>
      <p className="mt-1">{messageOf(error)}</p>
      {upstream ? (
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded-md bg-white/60 p-3 text-xs">
          <dt className="text-red-700">Vendor</dt>
          <dd data-testid="error-vendor">
            {vendorNames[upstream.vendor]}
            {upstream.sciId !== undefined ? ` (SCI ${upstream.sciId})` : ''}
          </dd>
          {upstream.status !== undefined ? (
            <>
              <dt className="text-red-700">HTTP status</dt>
              <dd>{upstream.status}</dd>
            </>
          ) : null}
          {upstream.code ? (
            <>
              <dt className="text-red-700">Vendor code</dt>
              <dd className="font-mono" data-testid="error-vendor-code">
                {upstream.code}
              </dd>
            </>
          ) : null}
          {upstream.message ? (
            <>
              <dt className="text-red-700">Vendor message</dt>
              <dd data-testid="error-vendor-message">{upstream.message}</dd>
            </>
          ) : null}
          {upstream.requestId ? (
            <>
              <dt className="text-red-700">Request id</dt>
              <dd className="font-mono select-all" data-testid="error-request-id">
                {upstream.requestId}
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {onRetry ? (
        <Button variant="secondary" size="sm" className="mt-3" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}
