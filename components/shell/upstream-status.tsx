'use client';

import { useQuery } from '@tanstack/react-query';
import { healthOptions } from '@/lib/api/health';
import type { SciHealth, UpstreamHealth } from '@/lib/schemas/health';
import { cn } from '@/components/ui/cn';

type Tone = 'ok' | 'down' | 'idle';

const dot: Record<Tone, string> = {
  ok: 'bg-emerald-400',
  down: 'bg-rose-500',
  idle: 'bg-slate-500',
};

function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** "reachable", "unreachable since 10:42" or "not configured", and the dot that goes with it. */
export function describeUpstream(health: UpstreamHealth): { text: string; tone: Tone } {
  if (!health.configured) return { text: 'not configured', tone: 'idle' };
  if (health.reachable) return { text: 'reachable', tone: 'ok' };
  return { text: health.since ? `unreachable since ${clock(health.since)}` : 'unreachable', tone: 'down' };
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

/** "3 of 4 reachable" over the connected SCIs; SCIs without a connection are not counted. */
export function describeScis(scis: SciHealth[]): { text: string; tone: Tone; title: string } {
  if (scis.length === 0) return { text: 'none connected', tone: 'idle', title: 'No SCI has a connection in SCI_CONNECTIONS_FILE.' };
  const reachable = scis.filter((s) => s.reachable);
  const down = scis.filter((s) => !s.reachable).map((s) => `SCI ${s.sciId}`);
  return {
    text: `${reachable.length} of ${scis.length} reachable`,
    tone: down.length === 0 ? 'ok' : 'down',
    title: down.length === 0 ? 'Every connected SCI answers.' : `Not answering: ${down.join(', ')}.`,
  };
}

function ScisItem({ scis }: { scis: SciHealth[] }) {
  const { text, tone, title } = describeScis(scis);
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
          <ScisItem scis={data.scis} />
        </>
      )}
    </div>
  );
}
