import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getEnv } from '@/lib/server/env';
import { getPageSession } from '@/lib/server/session';
import { LoginForm } from '@/components/auth/login-form';
import { SsoButton } from '@/components/auth/sso-button';
import { safeCallbackUrl } from '@/components/auth/callback-url';
import { signInErrorMessage } from '@/components/auth/sign-in-errors';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const session = await getPageSession();
  if (session) redirect(callbackUrl);
  const { oidc, localSignIn } = getEnv();
  const refusal = signInErrorMessage(params.error, oidc?.displayName ?? 'The identity provider');

  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold tracking-tight text-slate-900">
            Scan<span className="text-indigo-600">Deck</span>
          </p>
          <p className="mt-1 text-sm text-slate-500">Tenable Security Center Director and Huawei Cloud HSS</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-base font-semibold text-slate-900">Sign in</h1>
          {refusal ? (
            <div
              role="alert"
              aria-label="Sign-in refused"
              data-testid="sign-in-refusal"
              className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
            >
              <p className="font-medium">You are not signed in</p>
              <p className="mt-1">{refusal}</p>
            </div>
          ) : null}
          {oidc ? <SsoButton displayName={oidc.displayName} callbackUrl={callbackUrl} /> : null}
          {oidc && localSignIn ? (
            <div className="my-5 flex items-center gap-3 text-xs text-slate-500" role="separator" aria-label="or with a ScanDeck account">
              <span className="h-px flex-1 bg-slate-200" />
              or with a ScanDeck account
              <span className="h-px flex-1 bg-slate-200" />
            </div>
          ) : null}
          {localSignIn ? <LoginForm callbackUrl={callbackUrl} /> : null}
        </div>
      </div>
    </main>
  );
}
