'use client';

import { useQuery } from '@tanstack/react-query';
import { auditChainOptions } from '@/lib/api/audit';
import { DateTime } from '@/components/shell/time-zone';

/**
 * Whether the trail's hash chain checks out, and up to which entry: an edited, removed or
 * reordered entry shows here (and in `npm run audit:verify`) as the first broken one.
 */
export function AuditChainStatus() {
  const chain = useQuery(auditChainOptions());
  if (chain.isPending) {
    return (
      <p className="text-sm text-slate-500" data-testid="audit-chain">
        Checking the trail&apos;s hash chain…
      </p>
    );
  }
  if (chain.isError) {
    return (
      <p className="text-sm text-amber-800" data-testid="audit-chain">
        The hash chain could not be checked: {chain.error.message}
      </p>
    );
  }
  const report = chain.data;
  const pending = report.unsealed > 0 ? ` ${report.unsealed} newer ${report.unsealed === 1 ? 'entry is' : 'entries are'} not sealed yet.` : '';
  if (!report.isIntact && report.firstBroken) {
    return (
      <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="audit-chain">
        <p className="font-semibold">
          Chain broken at {report.firstBroken.id === null ? `position ${report.firstBroken.position}` : `entry #${report.firstBroken.id}`}
        </p>
        <p>
          {report.firstBroken.reason}.{' '}
          {report.verifiedUpTo ? (
            <>
              Verified up to entry #{report.verifiedUpTo.id} (<DateTime value={report.verifiedUpTo.time} seconds />
              ).
            </>
          ) : (
            'No entry before it verifies.'
          )}
        </p>
      </div>
    );
  }
  return (
    <p className="flex flex-wrap items-center gap-x-2 text-sm text-emerald-800" data-testid="audit-chain">
      <span aria-hidden="true">✓</span>
      {report.verifiedUpTo ? (
        <span>
          Chain verified up to entry #{report.verifiedUpTo.id} (<DateTime value={report.verifiedUpTo.time} seconds />
          ),{' '}
          <span className="font-mono text-xs" title={report.verifiedUpTo.hash}>
            hash {report.verifiedUpTo.hash.slice(0, 16)}…
          </span>
        </span>
      ) : (
        <span>Chain verified: no sealed entries yet.</span>
      )}
      {pending ? <span className="text-slate-600">{pending}</span> : null}
      <span className="text-xs text-slate-500">
        Checked <DateTime value={report.checkedAt} seconds />.
      </span>
    </p>
  );
}
