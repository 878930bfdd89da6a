import type { ReactNode } from 'react';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageSession } from '@/lib/server/session';

type AdminOnlyPageProps = {
  title: string;
  breadcrumb?: ReactNode;
  /** What a viewer cannot do here, as the notice's title. */
  refusal: string;
  reason: string;
  back: { href: string; label: string };
  children: ReactNode;
};

/**
 * An admin-only page, checked on the server from the session: a viewer gets the page's header and
 * why it is closed, with a way back, and none of the page's own code or requests. The API checks
 * the role again on every change.
 */
export async function AdminOnlyPage({ title, breadcrumb, refusal, reason, back, children }: AdminOnlyPageProps) {
  const session = await requirePageSession();
  if (session.role === 'admin') return children;
  return (
    <>
      <PageHeader breadcrumb={breadcrumb} title={title} />
      <div className="rounded-lg border border-slate-200 bg-white">
        <EmptyState title={refusal} description={reason} action={<ButtonLink href={back.href}>{back.label}</ButtonLink>} />
      </div>
    </>
  );
}
