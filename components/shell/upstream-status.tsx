'use client';

import { useQuery } from '@tanstack/react-query';
import { healthOptions } from '@/lib/api/health';
import type { SciHealth, UpstreamHealth } from '@/lib/schemas/health';
import type { ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import { DateTime } from './time-zone';

type Tone = 'ok' | 'down' | 'idle';

const dot: Record<Tone, string> = {
  ok: 'bg-emerald-400',
  down: 'bg-rose-500',
  idle: 'bg-slate-500',
};

/** "reachable", "unreachable since 10:42 GMT+9" or "not configured", and the dot that goes with it. */
export function describeUpstream(health: UpstreamHealth): { text: ReactNode; tone: Tone } {
  if (!health.configured) return { text: 'not configured', tone: 'idle' };
  if (health.reachable) return { text: 'reachable', tone: 'ok' };
  return {
    text: health.since ? (
      <>
        unreachable since <DateTime value={health.since} time />
      </>
    ) : (
      'unreachable'
    ),
    tone: 'down',
  };
}

function Item({ name, health }: { name: string; health: UpstreamHealth }) {
  const { text, tone } = describeUpstream(health);
  return (
    <span className="flex items-center gap-1.5" data-testid={`upstream-${name.toLowerCase()}`}>
      <span aria-hidden="true" className={cn('inline-block size-2 rounded-full', dot[tone])} />
      <span>
        {name}: <span className={tone === 'down' ? 'text-rose-300' : undefined}>{text}</span>
      </span>
    </span>
  );
}

/**
 * "3 of 4 reachable" over every SCI Director names: an SCI without a connection counts as not
 * reachable, since its security managers cannot be reached from here. The title says which and why.
 */
export function describeScis(scis: SciHealth[], notConnected: number[] = []): { text: string; tone: Tone; title: string } {
  if (scis.length === 0) return { text: 'none connected', tone: 'idle', title: 'No SCI has a connection in SCI_CONNECTIONS_FILE.' };
  const reachable = scis.filter((s) => s.reachable);
  const down = scis.filter((s) => !s.reachable).map((s) => `SCI ${s.sciId}`);
  const parts = [
    ...(down.length > 0 ? [`Not answering: ${down.join(', ')}.`] : []),
    ...(notConnected.length > 0 ? [`Not connected (SCI_CONNECTIONS_FILE): ${notConnected.map((id) => `SCI ${id}`).join(', ')}.`] : []),
  ];
  return {
    text: `${reachable.length} of ${scis.length + notConnected.length} reachable`,
    tone: down.length === 0 ? 'ok' : 'down',
    title: parts.length === 0 ? 'Every SCI answers.' : parts.join(' '),
  };
}

function ScisItem({ scis, notConnected }: { scis: SciHealth[]; notConnected: number[] }) {
  const { text, tone, title } = describeScis(scis, notConnected);
  return (
    <span className="flex items-center gap-1.5" data-testid="upstream-scis" title={title}>
      <span aria-hidden="true" className={cn('inline-block size-2 rounded-full', dot[tone])} />
      <span>
        SCIs: <span className={tone === 'down' ? 'text-rose-300' : undefined}>{text}</span>
      </span>
    </span>
  );
}

/** Header line saying whether Director, the connected SCIs and HSS answer; polled, announced politely when it changes. */
export function UpstreamStatus() {
  const { data, isError, isPending } = useQuery(healthOptions());
  return (
    <div role="status" aria-live="polite" aria-label="Upstream status" className="flex items-center gap-2 text-xs text-slate-300">
      {isPending ? (
        <span>Checking upstreams…</span>
      ) : isError || !data ? (
        <span className="flex items-center gap-1.5">
          <span aria-hidden="true" className={cn('inline-block size-2 rounded-full', dot.idle)} />
          Upstream status unavailable
        </span>
      ) : (
        <>
          <Item name="Director" health={data.upstreams.director} />
          <span aria-hidden="true" className="text-slate-600">
            ·
          </span>
          <Item name="HSS" health={data.upstreams.hss} />
          <span aria-hidden="true" className="text-slate-600">
            ·
          </span>
          <ScisItem scis={data.scis} notConnected={data.scisNotConnected} />
        </>
      )}
    </div>
  );
}
