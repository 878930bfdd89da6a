/**
 * The toolbar's popover panels (column chooser, saved views) come in one chunk on the first opening
 * of either, with Radix's popover and the saved-views calls: the list pages are at their first-load
 * budget and carry only this loader.
 */
export const loadPanels = () => import('./data-table-view-panels');
