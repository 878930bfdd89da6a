'use client';

import { type Dispatch, type ReactNode, type SetStateAction, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { failureDescription } from '@/components/ui/failure-description';
import { messageOf } from '@/components/ui/error-panel';
import { notifyDone, notifyFailed } from '@/components/ui/notify';
import { type BulkOutcome, runBulk } from '@/lib/api/bulk-run';
import { maxBulkItems } from '@/lib/schemas/bulk';
import type { Chosen, ChosenItem } from './row-selection';

// Loaded on a list's first selection (lists are held to their first-load budget): the bar, the
// confirmation, the run and its outcome.

/**
 * Deletions go one request per item through the item's own DELETE route, two at a time, rather
 * than through one bulk route: each item then passes the same checks (session, role, CSRF) and is
 * audited by the same wrapper as a single delete, its pending entry written before the vendor is
 * called and named by what the vendor said it was. Two is as many as ScanDeck sends Director at
 * once by default (DIRECTOR_MAX_CONCURRENCY, SCI_MAX_CONCURRENCY); more would only queue there.
 * The browser shows progress as items finish, and no request holds open for a whole run.
 */
const concurrency = 2;

export type Noun = { one: string; many: string };
const counted = (n: number, noun: Noun) => `${n.toLocaleString('en')} ${n === 1 ? noun.one : noun.many}`;

export type BulkDeleteProps = {
  chosen: Chosen;
  onChosenChange: Dispatch<SetStateAction<Chosen>>;
  noun: Noun;
  /** rows the list's filters and search match now */
  matching: number;
  isFiltered: boolean;
  /** every row matching the list's filters, resolved by the server (which refuses past `maxBulkItems`) */
  selectAllMatching: () => Promise<ChosenItem[]>;
  /** what happens to them, under the confirmation's title */
  description: ReactNode;
  /** choices the deletion needs besides the list (a security manager's objects) */
  options?: ReactNode;
  /** false when the choices are not complete (they say themselves what is missing) */
  checkOptions?: () => boolean;
  /** the dialog opens: forget earlier choices */
  onOpen?: () => void;
  deleteOne: (item: ChosenItem) => Promise<unknown>;
  /** after a run, with what went: drop its caches and refresh the list */
  onFinished: (deleted: ChosenItem[]) => void;
};

type Phase = 'confirm' | 'running' | 'finished';

/** The bar over a list with a selection ("3 selected · Select all 40 matching the filters · Clear · Delete…") and its deletion. */
export function BulkDelete(props: BulkDeleteProps) {
  const { chosen, onChosenChange, noun, matching, isFiltered } = props;
  const [isSelecting, setIsSelecting] = useState(false);
  const [selectError, setSelectError] = useState<unknown>(null);
  const [isOpen, setIsOpen] = useState(false);
  // What the confirmation lists and the run acts on: the selection as it was when Delete… was pressed.
  const [items, setItems] = useState<ChosenItem[]>([]);
  const barRef = useRef<HTMLElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const count = chosen.size;
  const isTooMany = count > maxBulkItems;

  // What went leaves the selection once its outcome has been read; what was refused or not tried
  // stays chosen for another go. Focus goes back to Delete…, or, when nothing is left selected and
  // the bar goes, to the list's own checkbox for the page rather than to the start of the page.
  const close = (gone: ReadonlySet<string>) => {
    const pageBox = barRef.current?.parentElement?.querySelector<HTMLInputElement>('thead input[type="checkbox"]');
    setIsOpen(false);
    if (gone.size > 0) onChosenChange((current) => new Map([...current].filter(([id]) => !gone.has(id))));
    requestAnimationFrame(() => (deleteRef.current ?? pageBox)?.focus());
  };

  const selectAll = () => {
    setIsSelecting(true);
    setSelectError(null);
    props.selectAllMatching().then(
      (items) => {
        setIsSelecting(false);
        onChosenChange(new Map(items.map((item) => [item.id, item])));
      },
      (error: unknown) => {
        setIsSelecting(false);
        setSelectError(error);
      },
    );
  };

  return (
    <>
      {count > 0 ? (
        <section
          ref={barRef}
          aria-label="Bulk actions"
          className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-indigo-200 bg-indigo-50 px-3 py-1.5 text-sm text-slate-800"
        >
          <p role="status" className="font-medium">
            {count.toLocaleString('en')} selected
          </p>
          {count < matching ? (
            matching > maxBulkItems ? (
              <p className="text-slate-600">
                {counted(matching, noun)} match: at most {maxBulkItems} at a time, so narrow the {isFiltered ? 'filters' : 'list with a search or filter'} to
                select them all.
              </p>
            ) : (
              <Button variant="ghost" size="sm" className="text-indigo-700" onClick={selectAll} disabled={isSelecting} aria-busy={isSelecting || undefined}>
                {isSelecting ? 'Selecting…' : `Select all ${counted(matching, noun)}${isFiltered ? ' matching the filters' : ''}`}
              </Button>
            )
          ) : null}
          <Button variant="ghost" size="sm" onClick={() => onChosenChange(new Map())}>
            Clear selection
          </Button>
          <Button
            ref={deleteRef}
            variant="danger"
            size="sm"
            className="ml-auto"
            disabled={isTooMany || count === 0}
            onClick={() => {
              props.onOpen?.();
              setItems([...chosen.values()]);
              setIsOpen(true);
            }}
          >
            Delete…
          </Button>
          {isTooMany ? <p className="w-full text-red-700">At most {maxBulkItems} at a time: clear some of the selection first.</p> : null}
          {selectError ? (
            <p role="alert" className="w-full text-red-700">
              Could not select them all: {messageOf(selectError)}
            </p>
          ) : null}
        </section>
      ) : null}
      {isOpen ? <BulkDeleteDialog {...props} items={items} onClose={close} /> : null}
    </>
  );
}

type BulkDeleteDialogProps = BulkDeleteProps & { items: ChosenItem[]; onClose: (gone: ReadonlySet<string>) => void };

const outcomeOrder = { refused: 0, skipped: 1, done: 2 } as const;

/** The confirmation listing what will go, then the run's progress, then each item's outcome. */
function BulkDeleteDialog({ items, noun, description, options, checkOptions, deleteOne, onClose, onFinished }: BulkDeleteDialogProps) {
  const [phase, setPhase] = useState<Phase>('confirm');
  const [settled, setSettled] = useState(0);
  const [outcomes, setOutcomes] = useState<Array<BulkOutcome<ChosenItem>>>([]);
  const progressRef = useRef<HTMLParagraphElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const total = items.length;
  const close = () => onClose(new Set(outcomes.filter((o) => o.status === 'done').map((o) => o.item.id)));

  // The confirm button is disabled as the run starts: the progress takes the focus, then Close.
  useEffect(() => {
    if (phase === 'running') progressRef.current?.focus();
    if (phase === 'finished') closeRef.current?.focus();
  }, [phase]);

  const start = () => {
    if (checkOptions && !checkOptions()) return;
    setPhase('running');
    void runBulk(items, deleteOne, { concurrency, onSettled: () => setSettled((n) => n + 1) }).then((result) => {
      const done = result.filter((o) => o.status === 'done').map((o) => o.item);
      const firstRefusal = result.find((o) => o.status === 'refused');
      setOutcomes([...result].sort((a, b) => outcomeOrder[a.status] - outcomeOrder[b.status]));
      setPhase('finished');
      onFinished(done);
      if (firstRefusal?.status === 'refused') {
        const left = total - done.length;
        notifyFailed(`${done.length} of ${counted(total, noun)} deleted; ${left} not deleted`, firstRefusal.error);
      } else notifyDone(`${counted(done.length, noun)} deleted`);
    });
  };

  const doneCount = outcomes.filter((o) => o.status === 'done').length;
  const title =
    phase === 'confirm'
      ? `Delete ${counted(total, noun)}?`
      : phase === 'running'
        ? `Deleting ${counted(total, noun)}…`
        : `${doneCount} of ${counted(total, noun)} deleted`;

  return (
    <ConfirmDialog
      isOpen
      size="lg"
      title={title}
      description={phase === 'confirm' ? description : `Each one is deleted on its own and recorded in the audit trail as a single deletion.`}
      confirmLabel={`Delete ${counted(total, noun)}`}
      isPending={phase === 'running'}
      onConfirm={start}
      onClose={close}
      actions={
        phase === 'finished' ? (
          <Button ref={closeRef} variant="secondary" onClick={close}>
            Close
          </Button>
        ) : undefined
      }
    >
      {phase === 'confirm' ? (
        <>
          <ItemList label={`${noun.many[0]?.toUpperCase()}${noun.many.slice(1)} to delete`} items={items} />
          {options}
        </>
      ) : (
        <div className="space-y-1">
          <div
            role="progressbar"
            aria-label={`${noun.many[0]?.toUpperCase()}${noun.many.slice(1)} deleted`}
            aria-valuemin={0}
            aria-valuemax={total}
            aria-valuenow={settled}
            aria-valuetext={`${settled} of ${total} done`}
            className="h-2 overflow-hidden rounded-full bg-slate-100"
          >
            <div className="h-full bg-indigo-500 transition-all" style={{ width: `${total === 0 ? 0 : (settled / total) * 100}%` }} />
          </div>
          <p ref={progressRef} tabIndex={-1} role="status" className="text-sm text-slate-600 focus:outline-none">
            {settled} of {total} done
          </p>
        </div>
      )}
      {phase === 'finished' ? <OutcomeList outcomes={outcomes} /> : null}
    </ConfirmDialog>
  );
}

const scrollBox = 'max-h-64 overflow-y-auto rounded-md border border-slate-200';

/** What will go, by name and SCI; a long list scrolls (and takes the focus, so the keyboard can scroll it). */
function ItemList({ label, items }: { label: string; items: ChosenItem[] }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling list must be reachable by keyboard to be scrolled (axe: scrollable-region-focusable).
    <section aria-label={label} tabIndex={0} className={scrollBox}>
      <ul className="divide-y divide-slate-100 text-sm">
        {items.map((item) => (
          <li key={item.id} className="px-3 py-1.5">
            <span className="font-medium text-slate-900">{item.label}</span>
            {item.detail ? <span className="text-slate-600"> · {item.detail}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

const statusWords = {
  done: { text: 'Deleted', className: 'text-emerald-700' },
  refused: { text: 'Not deleted', className: 'text-red-700' },
  skipped: { text: 'Not tried', className: 'text-slate-600' },
} as const;

/** Each item's outcome, the refused first with the vendor's code, message and request id. */
function OutcomeList({ outcomes }: { outcomes: Array<BulkOutcome<ChosenItem>> }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling list must be reachable by keyboard to be scrolled (axe: scrollable-region-focusable).
    <section aria-label="Outcome" tabIndex={0} className={scrollBox}>
      <ul className="divide-y divide-slate-100 text-sm">
        {outcomes.map((outcome) => (
          <li key={outcome.item.id} className="px-3 py-1.5" data-testid="bulk-outcome">
            <div className="flex flex-wrap items-baseline justify-between gap-x-3">
              <span>
                <span className="font-medium text-slate-900">{outcome.item.label}</span>
                {outcome.item.detail ? <span className="text-slate-600"> · {outcome.item.detail}</span> : null}
              </span>
              <span className={`font-medium ${statusWords[outcome.status].className}`}>{statusWords[outcome.status].text}</span>
            </div>
            {outcome.status === 'refused' ? <p className="mt-0.5 text-xs text-red-700">{failureDescription(outcome.error)}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
