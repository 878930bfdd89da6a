'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';

/**
 * "Sign in with {provider}": a plain form post to next-auth's sign-in endpoint, which answers with
 * the redirect to the provider. Only the CSRF token is fetched first (next-auth's client library
 * would weigh more than this whole page's own code).
 */
export function SsoButton({ displayName, callbackUrl }: { displayName: string; callbackUrl: string }) {
  const [failure, setFailure] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setIsPending(true);
    setFailure(null);
    try {
      const res = await fetch('/api/auth/csrf', { cache: 'no-store' });
      const body: unknown = await res.json();
      const token = body && typeof body === 'object' && 'csrfToken' in body && typeof body.csrfToken === 'string' ? body.csrfToken : null;
      if (!res.ok || !token) throw new Error('no CSRF token');
      (form.elements.namedItem('csrfToken') as HTMLInputElement).value = token;
      form.submit();
    } catch {
      setFailure('Could not reach ScanDeck. Check your connection and try again.');
      setIsPending(false);
    }
  }

  return (
    <form method="post" action="/api/auth/signin/oidc" onSubmit={onSubmit}>
      {failure ? (
        <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {failure}
        </p>
      ) : null}
      <input type="hidden" name="csrfToken" defaultValue="" />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Button type="submit" variant="primary" className="w-full" disabled={isPending}>
        {isPending ? `Going to ${displayName}…` : `Sign in with ${displayName}`}
      </Button>
    </form>
  );
}
