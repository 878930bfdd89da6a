// One module for both panels, so the list pages hold one loader for them (./load-panels.ts).
export { DataTableColumnsPanel } from './data-table-columns-panel';
export { DataTableViewsPanel } from './data-table-views-panel';
