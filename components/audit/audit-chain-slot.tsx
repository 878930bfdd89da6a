'use client';

import { lazy, Suspense } from 'react';

// The chain's state arrives after a check of the whole trail anyway, so its code loads alongside
// that answer rather than with the page: /audit stays within its first-load budget.
const AuditChainStatus = lazy(() => import('./audit-chain-status').then((m) => ({ default: m.AuditChainStatus })));

export function AuditChainSlot() {
  return (
    <Suspense
      fallback={
        <p className="text-sm text-slate-500" data-testid="audit-chain">
          Checking the trail&apos;s hash chain…
        </p>
      }
    >
      <AuditChainStatus />
    </Suspense>
  );
}
