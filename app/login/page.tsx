import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getPageSession } from '@/lib/server/session';
import { LoginForm } from '@/components/auth/login-form';
import { safeCallbackUrl } from '@/components/auth/callback-url';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const session = await getPageSession();
  if (session) redirect(callbackUrl);

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
          <LoginForm callbackUrl={callbackUrl} />
        </div>
      </div>
    </main>
  );
}
