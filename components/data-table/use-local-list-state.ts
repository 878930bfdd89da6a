'use client';

import { useCallback, useState } from 'react';
import { applyListChange, parseListState, type ListState, type ListStateChange, type ListStateConfig } from './list-state';

/**
 * List state held in the component, for a table embedded in another resource's page (an
 * organization's users): that page's URL belongs to the page, and two embedded tables would fight
 * over the same `page` and `sort` names.
 */
export function useLocalListState(config: ListStateConfig): [ListState, (change: ListStateChange) => void] {
  const [state, setLocal] = useState(() => parseListState(new URLSearchParams(), config));
  const setState = useCallback((change: ListStateChange) => setLocal((current) => applyListChange(current, change)), []);
  return [state, setState];
}
