'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';

/** What a refused sign-in says; only 401 means the username or password was wrong. */
function failureMessage(status: number | undefined): string {
  if (status === 429) return 'Too many attempts. Wait a few minutes and try again.';
  if (status === 503) return 'Sign-in is temporarily unavailable. Try again later, or tell the operator.';
  if (status === 400 || status === 413 || status === 415) return 'The sign-in form was not sent as expected. Reload the page and try again.';
  return 'Wrong username or password';
}

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (username.trim() === '' || password === '') {
      setFailure('Enter your username and password');
      return;
    }
    setIsPending(true);
    setFailure(null);
    try {
      const result = await signIn('credentials', { redirect: false, username, password, callbackUrl });
      if (!result || result.error || !result.ok) {
        setFailure(failureMessage(result?.status));
        setPassword('');
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setFailure('Could not reach ScanDeck. Check your connection and try again.');
    } finally {
      setIsPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {failure ? (
        <p
          role="alert"
          aria-label="Sign-in error"
          data-testid="login-error"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {failure}
        </p>
      ) : null}
      <FormField id="username" label="Username">
        {(control) => (
          <Input {...control} name="username" autoComplete="username" autoFocus required value={username} onChange={(e) => setUsername(e.target.value)} />
        )}
      </FormField>
      <FormField id="password" label="Password">
        {(control) => (
          <Input
            {...control}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </FormField>
      <Button type="submit" variant="primary" className="w-full" disabled={isPending}>
        {isPending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
