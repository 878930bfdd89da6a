'use client';

import { ErrorPanel } from '@/components/ui/error-panel';

export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel title="This page could not be shown" error={error} onRetry={reset} />;
}
