import { Badge, type BadgeTone } from './badge';

export type KnownValues = Readonly<Record<string, { label: string; tone: BadgeTone }>>;

/**
 * A vendor's enumerated value (a status, a type, an asset value). Values ScanDeck knows get their
 * label and tone; any other is shown as the vendor sent it, in a neutral badge that says so,
 * because a new value from a vendor is information, not an error.
 */
export function VendorValueBadge({
  value,
  known,
  vendor,
  isCode,
}: {
  value: string | undefined;
  known: KnownValues;
  vendor: string;
  /** a numeric code, which reads "Unknown (code 7)" when ScanDeck does not know it, rather than a bare number */
  isCode?: boolean;
}) {
  if (value === undefined || value === '') return <span className="text-slate-400">—</span>;
  const hit = Object.hasOwn(known, value) ? known[value] : undefined;
  if (hit) return <Badge tone={hit.tone}>{hit.label}</Badge>;
  // Neutral like a known value, with a dashed edge: visibly "as sent", not an alarm.
  return (
    <span
      data-testid="unknown-value"
      title={`A value ${vendor} sent that ScanDeck does not know; shown as sent.`}
      className="inline-flex items-center rounded-full border border-dashed border-slate-400 bg-slate-50 px-2 py-0.5 font-mono text-xs font-medium text-slate-700"
    >
      {isCode ? `Unknown (code ${value})` : value}
    </span>
  );
}
