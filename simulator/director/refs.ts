import type { DirectorStore } from './types';

export interface DirectorContext {
  store: DirectorStore;
  /** epoch ms */
  now: () => number;
}

export const nowSeconds = (ctx: DirectorContext) => Math.floor(ctx.now() / 1000);

export function sciRef(store: DirectorStore, sciId: number): { id: string; name: string; description: string } {
  const sci = store.scis.byId.get(sciId);
  return { id: String(sciId), name: sci?.name ?? '', description: sci?.description ?? '' };
}

/** Administrators belong to no organization; Director answers them with this pseudo-organization. */
export function orgRef(store: DirectorStore, orgId: number): { id: string; name: string; description: string } {
  if (orgId === 0) return { id: '0', name: 'Administrator', description: '' };
  const org = store.organizations.byId.get(orgId);
  return { id: String(orgId), name: org?.name ?? '', description: org?.description ?? '' };
}
