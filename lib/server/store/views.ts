import 'server-only';

// Saved views: a table's filters, sort and columns saved under a name per user, one default per
// page, and each user's column choice per page. The interface agreed between issue 13 (the views
// and their SQLite store) and issue 12 (PostgreSQL, lib/server/store/postgres-views-store.ts).

export interface SavedView {
  id: string;
  user: string;
  page: string;
  name: string;
  state: Record<string, string>;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ViewsStore {
  list(user: string, page: string): Promise<SavedView[]>;
  /** upsert by (user, page, name) */
  save(user: string, page: string, name: string, state: Record<string, string>, isDefault?: boolean): Promise<SavedView>;
  remove(user: string, id: string): Promise<boolean>;
  setDefault(user: string, page: string, id: string | null): Promise<void>;
  getColumns(user: string, page: string): Promise<string[] | null>;
  setColumns(user: string, page: string, columns: string[]): Promise<void>;
}
