import type { BadgeTone } from '@/components/ui/badge';
import type { SciState } from '@/lib/schemas/overview';

/**
 * Director's SCI status. Tenable's "Tenable.sc Instance" page shows "1" for a working instance and
 * "8194" for one Director cannot use, and lists no other values: anything but "1" is shown as
 * needing attention, with the code, rather than guessed at.
 */
export function sciStatus(status: string | undefined): { label: string; tone: BadgeTone } {
  if (status === undefined) return { label: 'Not reported', tone: 'neutral' };
  if (status === '1') return { label: 'Working', tone: 'success' };
  return { label: `Needs attention (code ${status})`, tone: 'warning' };
}

/** "3 of 4 working", and whether a scanner is down; "—" when Director sent no counts. */
export function scannerSummary(sci: Pick<SciState, 'workingScanners' | 'totalScanners'>): { text: string; isShort: boolean } {
  const { workingScanners: working, totalScanners: total } = sci;
  if (total === undefined) return { text: working === undefined ? '—' : `${working} working`, isShort: false };
  return { text: `${working ?? '—'} of ${total} working`, isShort: working !== undefined && working < total };
}

/** "just now", "4 min ago", "3 h ago", "2 days ago": how long before `now` a moment was. */
export function formatAgo(epochMs: number | undefined, now: number): string {
  if (epochMs === undefined) return 'never';
  const s = Math.max(0, Math.round((now - epochMs) / 1000));
  if (s < 60) return 'just now';
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} days ago`;
}
