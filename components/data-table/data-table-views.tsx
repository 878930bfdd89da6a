'use client';

import { lazy } from 'react';
import type { ViewPage } from '@/lib/schemas/view-pages';
import { LazyPopoverButton } from './lazy-popover';
import type { ListState, ListStateChange, ListStateConfig } from './list-state';
import { loadPanels } from './load-panels';

const ViewsPanel = lazy(() => loadPanels().then((panels) => ({ default: panels.DataTableViewsPanel })));

type DataTableViewsProps = {
  page: ViewPage;
  state: ListState;
  config: ListStateConfig;
  onApply: (change: ListStateChange) => void;
};

/** The Views menu: the reader's saved views of this page; its panel loads on the first opening. */
export function DataTableViews(props: DataTableViewsProps) {
  return (
    <LazyPopoverButton preload={loadPanels} panel={(popover) => <ViewsPanel {...popover} {...props} />}>
      Views
    </LazyPopoverButton>
  );
}
