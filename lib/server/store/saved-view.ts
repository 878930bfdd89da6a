import 'server-only';

// The saved-view contract on its own, so each store implementation can take its types without
// importing the factory that chooses between them (which imports the implementations).

/** A table's filters, sort and columns saved under a name by one user, for one list page. */
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

/**
 * Saved views and column choices, per user and list page. Every implementation keeps the bounds
 * below itself (the routes check shapes and allowlists before calling, the store the counts), so a
 * user cannot grow it without bound whichever store holds it.
 */
export interface ViewsStore {
  list(user: string, page: string): Promise<SavedView[]>;
  save(user: string, page: string, name: string, state: Record<string, string>, isDefault?: boolean): Promise<SavedView>; // upsert by (user,page,name)
  remove(user: string, id: string): Promise<boolean>;
  setDefault(user: string, page: string, id: string | null): Promise<void>;
  getColumns(user: string, page: string): Promise<string[] | null>;
  setColumns(user: string, page: string, columns: string[]): Promise<void>;
}
