import 'server-only';
import { z } from 'zod';
import {
  lookupItemSchema,
  orgOptionSchema,
  ownerSchema,
  sciSchema,
  type LookupItem,
  type LookupKind,
  type OrgOption,
  type Owner,
  type Sci,
} from '@/lib/schemas/lookup';
import { createTtlCache } from '../cache';
import { getEnv } from '../env';
import { vendorOrganizationSchema } from './organizations';
import { vendorInt, vendorRef, vendorText } from './records';
import { directorFetch } from './transport';

let cache: ReturnType<typeof createTtlCache> | undefined;
function lookupCache() {
  cache ??= createTtlCache({ ttlMs: getEnv().director.cacheTtlMs });
  return cache;
}

const lookupPaths: Record<LookupKind, string> = {
  policies: '/mgmt/policy',
  repositories: '/mgmt/repository',
  zones: '/mgmt/zone',
  assets: '/mgmt/asset',
};

const vendorSci = z
  .object({
    id: vendorInt,
    name: vendorText,
    description: vendorText.optional().default(''),
    status: vendorText.optional(),
    version: vendorText.optional(),
  })
  .transform((v): Sci => sciSchema.parse(v));

const vendorLookupItem = z
  .object({ id: vendorInt, uuid: z.string(), name: vendorText, description: vendorText.optional().default('') })
  .transform((v): LookupItem => lookupItemSchema.parse(v));

const vendorOwner = z
  .object({
    id: vendorInt,
    uuid: z.string(),
    username: vendorText,
    firstname: vendorText.optional().default(''),
    lastname: vendorText.optional().default(''),
    organization: vendorRef.optional(),
  })
  .transform(
    (v): Owner =>
      ownerSchema.parse({
        id: v.id,
        uuid: v.uuid,
        username: v.username,
        firstname: v.firstname,
        lastname: v.lastname,
        ...(v.organization ? { organization: { id: v.organization.id, name: v.organization.name } } : {}),
      }),
  );

const vendorOrg = vendorOrganizationSchema
  .pick({ id: true, name: true, SCI: true })
  .required({ name: true })
  .transform((v): OrgOption => orgOptionSchema.parse({ id: v.id, name: v.name, ...(v.SCI ? { sciId: v.SCI.id } : {}) }));

const byName = <T extends { name: string }>(items: T[]) => [...items].sort((a, b) => a.name.localeCompare(b.name));

export function listScis(): Promise<Sci[]> {
  return lookupCache().get('/sci', async () =>
    byName(await directorFetch({ path: '/sci', schema: z.array(vendorSci) })),
  );
}

export function listLookup(kind: LookupKind, sciId: number): Promise<LookupItem[]> {
  const path = lookupPaths[kind];
  return lookupCache().get(`${path}?sciID=${sciId}`, async () =>
    byName(await directorFetch({ path, query: { sciID: sciId }, schema: z.array(vendorLookupItem) })),
  );
}

/** Security manager changes add or remove possible owners. */
export function invalidateOwnerLookups(): void {
  lookupCache().invalidate('/mgmt/user?');
}

export function listOwners(sciId: number): Promise<Owner[]> {
  return lookupCache().get(`/mgmt/user?sciID=${sciId}`, async () => {
    const owners = await directorFetch({
      path: '/mgmt/user',
      query: { sciID: sciId, fields: 'id,uuid,username,firstname,lastname,organization' },
      schema: z.array(vendorOwner),
    });
    return [...owners].sort((a, b) => a.username.localeCompare(b.username));
  });
}

/** Director's organization list has no SCI filter, so the whole list is kept and filtered here. */
export async function listOrgOptions(sciId?: number): Promise<OrgOption[]> {
  const all = await lookupCache().get('/mgmt/organization?fields=name,sci', async () =>
    byName(await directorFetch({ path: '/mgmt/organization', query: { fields: 'name,sci' }, schema: z.array(vendorOrg) })),
  );
  return sciId === undefined ? all : all.filter((o) => o.sciId === sciId);
}
