import type { ScanTaskRow } from '@/lib/schemas/scan-task';
import { hostCount } from './scan-task-format';

type Counts = Pick<ScanTaskRow, 'scanningHosts' | 'successHosts' | 'failedHosts'>;

/** One bar of hosts: succeeded, failed, still scanning; the numbers are spelled out beside it. */
export function TaskProgress({ task, isCompact = false }: { task: Counts; isCompact?: boolean }) {
  const total = hostCount(task);
  const success = task.successHosts ?? 0;
  const failed = task.failedHosts ?? 0;
  const scanning = task.scanningHosts ?? 0;
  const done = success + failed;
  const shown = (n: number | undefined) => (n === undefined ? '—' : String(n));
  const pct = (n: number) => (total === 0 ? 0 : (n / total) * 100);
  return (
    <div className={isCompact ? 'w-44' : 'w-full'}>
      <div
        role="progressbar"
        aria-label="Hosts scanned"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} hosts done`}
        className={`flex overflow-hidden rounded-full bg-slate-100 ${isCompact ? 'h-1.5' : 'h-3'}`}
      >
        <div className="bg-emerald-500 transition-all" style={{ width: `${pct(success)}%` }} />
        <div className="bg-red-500 transition-all" style={{ width: `${pct(failed)}%` }} />
        <div className="bg-indigo-300 transition-all motion-safe:animate-pulse" style={{ width: `${pct(scanning)}%` }} />
      </div>
      <p className={`mt-1 text-xs whitespace-nowrap text-slate-600 ${isCompact ? '' : 'text-sm'}`}>
        <span className="text-emerald-700">{shown(task.successHosts)} ok</span>
        {' · '}
        <span className={failed > 0 ? 'text-red-700' : ''}>{shown(task.failedHosts)} failed</span>
        {' · '}
        <span className="text-indigo-700">{shown(task.scanningHosts)} scanning</span>
      </p>
    </div>
  );
}
