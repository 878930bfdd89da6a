import type { SimRequest, SimResponse } from '../http';
import { sciRef, type DirectorContext } from './refs';
import { chooseFields, envelope, notFound, project, str, type FieldDef, type FieldLevel } from './tenable';
import type { DirectorStore, OrgRecord } from './types';

const IP_INFO_LINKS = [
  { name: 'SANS', link: 'https://isc.sans.edu/ipinfo.html?ip=%IP%' },
  { name: 'ARIN', link: 'http://whois.arin.net/rest/ip/%IP%' },
];

const named = (r: { id: number; name: string; description: string }) => ({
  id: str(r.id),
  name: r.name,
  description: r.description,
});

export function organizationFieldDefs(store: DirectorStore): FieldDef<OrgRecord>[] {
  // The document's legend is the list's; the single GET's example answers every field.
  const field = (name: string, list: FieldLevel, get: (o: OrgRecord) => unknown, extra: Partial<FieldDef<OrgRecord>> = {}): FieldDef<OrgRecord> => ({
    name,
    list,
    detail: list === 'always' ? 'always' : 'default',
    get,
    ...extra,
  });
  return [
    field('id', 'always', (o) => str(o.id)),
    field('sciOrganization', 'default', (o) => str(o.sciOrgId), { key: 'sciOrgID', aliases: ['sciOrgID'] }),
    field('name', 'default', (o) => o.name),
    field('description', 'default', (o) => o.description),
    field('SCI', 'always', (o) => sciRef(store, o.sciId), { aliases: ['sci'] }),
    field('email', 'request', (o) => o.email),
    field('address', 'request', (o) => o.address),
    field('city', 'request', (o) => o.city),
    field('state', 'request', (o) => o.state),
    field('country', 'request', (o) => o.country),
    field('phone', 'request', (o) => o.phone),
    field('fax', 'request', (o) => o.fax),
    field('ipInfoLinks', 'request', () => IP_INFO_LINKS.map((l) => ({ ...l }))),
    field('zoneSelection', 'request', (o) => o.zoneSelection),
    field('restrictedIPs', 'request', (o) => o.restrictedIPs),
    field('vulnScoreLow', 'request', (o) => str(o.vulnScoreLow)),
    field('vulnScoreMedium', 'request', (o) => str(o.vulnScoreMedium)),
    field('vulnScoreHigh', 'request', (o) => str(o.vulnScoreHigh)),
    field('vulnScoreCritical', 'request', (o) => str(o.vulnScoreCritical)),
    field('vulnScoringSystem', 'request', (o) => o.vulnScoringSystem),
    field('createdTime', 'request', (o) => str(o.createdTime)),
    field('modifiedTime', 'request', (o) => str(o.modifiedTime)),
    field('userCount', 'request', (o) => str(store.usersByOrg.get(o.id)?.size ?? 0)),
    field('lces', 'request', (o) => o.lces.map(named)),
    field('repositories', 'request', (o) =>
      o.repositoryIds.flatMap((id) => {
        const r = store.repositories.byId.get(id);
        return r ? [{ ...named(r), type: r.type, dataFormat: r.dataFormat, groupAssign: 'fullAccess' }] : [];
      }),
    ),
    field('zones', 'request', (o) =>
      o.zoneIds.flatMap((id) => {
        const z = store.zones.byId.get(id);
        return z ? [named(z)] : [];
      }),
    ),
    field('nessusManagers', 'request', (o) => o.nessusManagers.map(named)),
    field('pubSites', 'request', (o) => o.pubSites.map((p) => ({ ...named(p), type: p.type }))),
    field('ldaps', 'request', (o) =>
      o.ldapIds.flatMap((id) => {
        const l = store.ldaps.byId.get(id);
        return l ? [named(l)] : [];
      }),
    ),
  ];
}

export function listOrganizations(ctx: DirectorContext, defs: FieldDef<OrgRecord>[], req: SimRequest): SimResponse {
  const fields = chooseFields(defs, req.query.get('fields'), 'list');
  return envelope(
    Array.from(ctx.store.organizations.values(), (o) => project(fields, o)),
    ctx.now(),
  );
}

export function findOrganization(ctx: DirectorContext, idOrUuid: string): OrgRecord {
  const org = ctx.store.organizations.find(idOrUuid);
  if (!org) throw notFound('Organization', idOrUuid);
  return org;
}

export function getOrganization(ctx: DirectorContext, defs: FieldDef<OrgRecord>[], req: SimRequest, id: string): SimResponse {
  if (!/^\d{1,15}$/.test(id)) throw notFound('Organization', id);
  const org = findOrganization(ctx, id);
  return envelope(project(chooseFields(defs, req.query.get('fields'), 'detail'), org), ctx.now());
}
