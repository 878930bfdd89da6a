import { createRng, type Rng } from '../data/prng';
import {
  assetNames,
  cities,
  domains,
  firstNames,
  hostPrefixes,
  jobTitles,
  lastNames,
  orgNames,
  policyNames,
  repositoryNames,
  scanDescriptions,
  scanNames,
  scanQualifiers,
  streets,
  zoneNames,
} from '../data/names';
import { hashPassword } from './passwords';
import {
  Table,
  type AssetRecord,
  type AuthType,
  type DirectorStore,
  type LdapRecord,
  type OrgRecord,
  type PolicyRecord,
  type RepositoryRecord,
  type ScanRecord,
  type ScanSchedule,
  type SciRecord,
  type UserRecord,
  type ZoneRecord,
} from './types';

export type DirectorSize = 'demo' | 'bench' | { users?: number; scans?: number; tasks?: number };

const DEMO = { users: 150, scans: 120 };
const BENCH = { users: 100_000, scans: 20_000 };

export function resolveCounts(size: DirectorSize): { users: number; scans: number } {
  if (size === 'demo') return DEMO;
  if (size === 'bench') return BENCH;
  return { users: size.users ?? DEMO.users, scans: size.scans ?? DEMO.scans };
}

/**
 * Scanner counts and how long ago each SCI last synced with Director are fixed here rather than
 * drawn, so adding them left every seeded record as it was. EU-West has a scanner down.
 */
const SCIS = [
  {
    name: 'SCI East',
    description: 'Tenable.sc for the US East data centres',
    timezone: 'America/New_York',
    version: '6.4.5',
    scanners: 4,
    working: 4,
    syncAgoS: 240,
  },
  {
    name: 'SCI EU-West',
    description: 'Tenable.sc for Dublin and Amsterdam',
    timezone: 'Europe/Dublin',
    version: '6.4.5',
    scanners: 3,
    working: 2,
    syncAgoS: 540,
  },
  {
    name: 'SCI APAC',
    description: 'Tenable.sc for Singapore, Tokyo and Sydney',
    timezone: 'Asia/Singapore',
    version: '6.3.2',
    scanners: 2,
    working: 2,
    syncAgoS: 1_260,
  },
  {
    name: 'SCI Central',
    description: 'Tenable.sc for plants and branch offices',
    timezone: 'America/Chicago',
    version: '6.5.1',
    scanners: 3,
    working: 3,
    syncAgoS: 60,
  },
] as const;

export const SECURITY_MANAGER_ROLE = { id: 2, name: 'Security Manager' } as const;
export const SM_LINKED_ROLE = { id: 8, name: 'SM-Linked' } as const;
const ADMIN_ROLE_ID = 1;
const ANALYST_ROLE_IDS = [3, 4, 5, 6] as const;

const PLUGIN_IDS = [19506, 10180, 11219, 34220, 156032, 21643, 57608, 42873] as const;
const DAY = 86_400;

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const slugs = new Map<string, string>();
/** Names come from short fixed lists, so caching keeps bench-sized seeding from redoing the regex. */
function slug(text: string): string {
  let out = slugs.get(text);
  if (out === undefined) {
    out = text.toLowerCase().replace(/[^a-z0-9]+/g, '');
    slugs.set(text, out);
  }
  return out;
}

function phone(rng: Rng, country: string): string {
  const prefix = country === 'US' ? '+1 555' : country === 'GB' ? '+44 20 7946' : country === 'IE' ? '+353 1 555' : '+65 6555';
  return `${prefix} ${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

function ipTargets(rng: Rng): string {
  const count = rng.int(1, 3);
  const targets: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = rng.int(0, 3);
    const b = rng.int(0, 254);
    const c = rng.int(0, 254);
    if (kind === 0) targets.push(`10.${b}.${c}.0/24`);
    else if (kind === 1) targets.push(`192.168.${b}.${rng.int(1, 100)}-192.168.${b}.${rng.int(101, 254)}`);
    else if (kind === 2) targets.push(`172.${rng.int(16, 31)}.${b}.${rng.int(1, 254)}`);
    else targets.push(`${rng.pick(hostPrefixes)}${rng.int(1, 40)}.${rng.pick(domains)}`);
  }
  return targets.join(',');
}

function emptyStore(): DirectorStore {
  return {
    scis: new Table<SciRecord>(),
    organizations: new Table<OrgRecord>(),
    users: new Table<UserRecord>(),
    scans: new Table<ScanRecord>(),
    policies: new Table<PolicyRecord>(),
    repositories: new Table<RepositoryRecord>(),
    zones: new Table<ZoneRecord>(),
    assets: new Table<AssetRecord>(),
    ldaps: new Table<LdapRecord>(),
    usersByOrg: new Map(),
    nextSciUserId: new Map(),
    nextSciScanId: new Map(),
    variants: undefined,
  };
}

/** Registers a user in the store and its indexes. */
export function addUser(store: DirectorStore, user: UserRecord): UserRecord {
  store.users.add(user);
  let members = store.usersByOrg.get(user.orgId);
  if (!members) {
    members = new Set();
    store.usersByOrg.set(user.orgId, members);
  }
  members.add(user.id);
  return user;
}

export function removeUser(store: DirectorStore, user: UserRecord): void {
  store.users.delete(user);
  store.usersByOrg.get(user.orgId)?.delete(user.id);
}

export function takeSciUserId(store: DirectorStore, sciId: number): number {
  const next = store.nextSciUserId.get(sciId) ?? 1;
  store.nextSciUserId.set(sciId, next + 1);
  return next;
}

export function takeSciScanId(store: DirectorStore, sciId: number): number {
  const next = store.nextSciScanId.get(sciId) ?? 1;
  store.nextSciScanId.set(sciId, next + 1);
  return next;
}

/**
 * Builds the whole seeded estate. Everything is drawn from `seed` (one forked stream per part),
 * and times are relative to `nowSeconds`, so the same inputs give the same data.
 */
export function seedDirector(seed: number, size: DirectorSize, nowSeconds: number): DirectorStore {
  const counts = resolveCounts(size);
  const root = createRng(seed);
  const store = emptyStore();
  const past = (rng: Rng, maxDays: number) => nowSeconds - rng.int(DAY, maxDays * DAY);

  const infra = root.fork('infrastructure');
  const orgsBySci = new Map<number, OrgRecord[]>();
  let lookupId = 1;
  for (const [index, spec] of SCIS.entries()) {
    const created = past(infra, 900);
    const sci = store.scis.add({
      id: index + 2,
      uuid: infra.uuid(),
      name: spec.name,
      description: spec.description,
      version: spec.version,
      timezone: spec.timezone,
      scanners: Array.from({ length: spec.scanners }, (_, i) => ({
        id: (index + 2) * 100 + i + 1,
        name: `${spec.name.replace('SCI ', '')} scanner ${i + 1}`,
        isWorking: i < spec.working,
      })),
      lastSyncAgoS: spec.syncAgoS,
      createdTime: created,
      modifiedTime: Math.min(nowSeconds, created + infra.int(0, 200) * DAY),
    });
    const scoped = { sciId: sci.id };
    for (const name of shuffled(infra, policyNames).slice(0, infra.int(6, 8))) {
      store.policies.add({ id: lookupId++, uuid: infra.uuid(), ...scoped, name, description: '' });
    }
    const repositories = repositoryNames.map((r) =>
      store.repositories.add({
        id: lookupId++,
        uuid: infra.uuid(),
        ...scoped,
        name: r.name,
        description: r.dataFormat === 'agent' ? 'Nessus Agent results' : '',
        type: 'Local',
        dataFormat: r.dataFormat,
      }),
    );
    const zones = zoneNames
      .slice(0, infra.int(3, 4))
      .map((z) => store.zones.add({ id: lookupId++, uuid: infra.uuid(), ...scoped, name: z.name, description: '', ipList: z.ipList }));
    for (const a of assetNames) {
      store.assets.add({ id: lookupId++, uuid: infra.uuid(), ...scoped, name: a.name, description: a.description, type: a.type });
    }
    const ldap = store.ldaps.add({
      id: lookupId++,
      uuid: infra.uuid(),
      ...scoped,
      name: `Corporate AD (${spec.name.replace('SCI ', '')})`,
      description: 'Active Directory over LDAPS',
    });

    const orgs: OrgRecord[] = [];
    const names = shuffled(infra, orgNames).slice(0, infra.int(3, 5));
    names.forEach((name, i) => {
      const place = infra.pick(cities);
      const orgCreated = Math.max(sci.createdTime, past(infra, 700));
      const org = store.organizations.add({
        id: store.organizations.nextId(),
        uuid: infra.uuid(),
        sciId: sci.id,
        sciOrgId: i + 1,
        name,
        description: infra.chance(0.5) ? `${name} estate on ${spec.name}` : '',
        email: `secops-${slug(name)}@${infra.pick(domains)}`,
        address: `${infra.int(1, 250)} ${infra.pick(streets)}`,
        city: place.city,
        state: place.state,
        country: place.country,
        phone: phone(infra, place.country),
        fax: '',
        zoneSelection: infra.pick(['auto_only', 'selectable', 'selectable+auto'] as const),
        restrictedIPs: infra.chance(0.3) ? `10.${infra.int(0, 254)}.0.0/16` : '',
        vulnScoreLow: 1,
        vulnScoreMedium: 3,
        vulnScoreHigh: 10,
        vulnScoreCritical: 40,
        vulnScoringSystem: infra.chance(0.6) ? 'CVSSv3' : 'CVSSv2',
        createdTime: orgCreated,
        modifiedTime: Math.min(nowSeconds, orgCreated + infra.int(0, 300) * DAY),
        lces: infra.chance(0.4) ? [{ id: 3 + index, name: `LCE ${spec.name}`, description: 'Log Correlation Engine' }] : [],
        repositoryIds: repositories.filter((_, r) => r === 0 || infra.chance(0.6)).map((r) => r.id),
        zoneIds: infra.chance(0.5) ? zones.map((z) => z.id) : [],
        nessusManagers: [],
        pubSites: infra.chance(0.2) ? [{ id: 2, name: 'CMRS upload', description: '', type: 'CMRS' }] : [],
        ldapIds: infra.chance(0.7) ? [ldap.id] : [],
      });
      orgs.push(org);
    });
    orgsBySci.set(sci.id, orgs);
  }

  seedUsers(store, root.fork('users'), counts.users, nowSeconds, orgsBySci);
  seedScans(store, root.fork('scans'), counts.scans, nowSeconds);
  if (size === 'demo') markVariants(store);
  return store;
}

function seedUsers(store: DirectorStore, rng: Rng, total: number, nowSeconds: number, orgsBySci: Map<number, OrgRecord[]>): void {
  const usernameCounts = new Map<number, Map<string, number>>();
  const uniqueName = (sciId: number, base: string) => {
    let counts = usernameCounts.get(sciId);
    if (!counts) {
      counts = new Map();
      usernameCounts.set(sciId, counts);
    }
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    return n === 1 ? base : `${base}${n}`;
  };
  let remaining = total;

  const person = (sciId: number, orgId: number, roleId: number, groupId: number, fixedUsername?: string): UserRecord => {
    const firstname = fixedUsername ? 'Admin' : rng.pick(firstNames);
    const lastname = fixedUsername ? 'User' : rng.pick(lastNames);
    const username = fixedUsername ?? uniqueName(sciId, slug(`${firstname[0]}${lastname}`));
    const place = rng.pick(cities);
    const created = nowSeconds - rng.int(1, 800) * DAY;
    remaining--;
    return addUser(store, {
      id: store.users.nextId(),
      uuid: rng.uuid(),
      sciId,
      orgId,
      sciUserId: takeSciUserId(store, sciId),
      sciRoleId: roleId,
      sciGroupId: groupId,
      username,
      firstname,
      lastname,
      email: fixedUsername ? '' : `${slug(firstname)}.${username.slice(1)}@${rng.pick(domains)}`,
      title: fixedUsername ? '' : rng.pick(jobTitles),
      address: rng.chance(0.3) ? `${rng.int(1, 250)} ${rng.pick(streets)}` : '',
      city: place.city,
      state: place.state,
      country: place.country,
      phone: rng.chance(0.6) ? phone(rng, place.country) : '',
      fax: '',
      createdTime: created,
      modifiedTime: Math.min(nowSeconds, created + rng.int(0, 100) * DAY),
    });
  };

  // Admins and security managers first, so even a small count keeps each SCI and org usable.
  for (const sci of store.scis.values()) {
    if (remaining <= 0) return;
    person(sci.id, 0, ADMIN_ROLE_ID, -1, 'admin');
  }
  for (const sci of store.scis.values()) {
    if (remaining <= 0) return;
    person(sci.id, 0, ADMIN_ROLE_ID, -1);
  }
  const authTypes: AuthType[] = ['tns', 'tns', 'tns', 'ldap', 'saml', 'legacy'];
  for (const org of store.organizations.values()) {
    const managers = rng.int(1, 2);
    for (let i = 0; i < managers; i++) {
      if (remaining <= 0) return;
      const user = person(org.sciId, org.id, SECURITY_MANAGER_ROLE.id, 0);
      const ldapId = org.ldapIds[0];
      let authType = rng.pick(authTypes);
      if (authType === 'ldap' && ldapId === undefined) authType = 'tns';
      const hasPassword = authType === 'tns' || authType === 'legacy';
      const sciAssets = [...store.assets.values()].filter((a) => a.sciId === org.sciId);
      user.securityManager = {
        status: 0,
        roleId: SECURITY_MANAGER_ROLE.id,
        groupId: 0,
        authType,
        // Seeded managers get an unknowable password; the salt comes from the seed so data repeats.
        passwordHash: hasPassword ? hashPassword(rng.hex(24), Buffer.from(rng.hex(32), 'hex')) : null,
        mustChangePassword: false,
        passwordExpires: hasPassword && rng.chance(0.5),
        passwordExpiration: 90,
        passwordExpirationOverride: false,
        passwordSetDate: hasPassword ? user.createdTime : 0,
        locked: rng.chance(0.05),
        failedLogins: rng.chance(0.2) ? rng.int(1, 3) : 0,
        lastLogin: nowSeconds - rng.int(0, 30 * DAY),
        lastLoginIP: `10.${rng.int(0, 254)}.${rng.int(0, 254)}.${rng.int(1, 254)}`,
        fingerprint: null,
        description: '',
        emailNotice: '',
        managedUsersGroupIds: [-1],
        managedObjectsGroupIds: [-1],
        preferences: [{ name: 'timezone', tag: 'system', value: store.scis.byId.get(org.sciId)?.timezone ?? 'UTC' }],
        responsibleAssetId: rng.chance(0.5) && sciAssets.length > 0 ? rng.pick(sciAssets).id : null,
        ldapId: authType === 'ldap' ? (ldapId ?? null) : null,
        ldapUsername: authType === 'ldap' ? user.username : '',
        parentUserId: null,
      };
    }
  }
  const allOrgs = [...orgsBySci.values()].flat();
  while (remaining > 0 && allOrgs.length > 0) {
    const org = rng.pick(allOrgs);
    person(org.sciId, org.id, rng.pick(ANALYST_ROLE_IDS), rng.int(0, 3));
  }
}

function seedScans(store: DirectorStore, rng: Rng, total: number, nowSeconds: number): void {
  const ownersBySci = new Map<number, UserRecord[]>();
  for (const user of store.users.values()) {
    if (user.orgId === 0) continue;
    const list = ownersBySci.get(user.sciId) ?? [];
    list.push(user);
    ownersBySci.set(user.sciId, list);
  }
  const scis = [...store.scis.values()].filter((s) => ownersBySci.has(s.id));
  if (scis.length === 0) return;
  const bySci = <T extends { sciId: number }>(items: Iterable<T>) => {
    const map = new Map<number, T[]>();
    for (const item of items) map.set(item.sciId, [...(map.get(item.sciId) ?? []), item]);
    return map;
  };
  const policies = bySci(store.policies.values());
  const repositories = bySci(store.repositories.values());
  const zones = bySci(store.zones.values());
  const assets = bySci(store.assets.values());
  const scansBySci = new Map<number, ScanRecord[]>();
  const usedNames = new Set<string>();

  for (let i = 0; i < total; i++) {
    const sci = rng.pick(scis);
    const owner = rng.pick(ownersBySci.get(sci.id) ?? []);
    const org = store.organizations.byId.get(owner.orgId);
    const orgRepos = (repositories.get(sci.id) ?? []).filter((r) => org?.repositoryIds.includes(r.id));
    const repository = rng.pick(orgRepos.length > 0 ? orgRepos : (repositories.get(sci.id) ?? []));
    const isPlugin = rng.chance(0.1);
    const created = nowSeconds - rng.int(1, 400) * DAY - rng.int(0, DAY);
    const earlier = scansBySci.get(sci.id) ?? [];

    let name = rng.chance(0.5) ? rng.pick(scanNames) : `${rng.pick(scanNames)} - ${rng.pick(scanQualifiers)}`;
    if (usedNames.has(name)) name = `${name} (${i + 1})`;
    usedNames.add(name);

    const scheduleKind = rng.int(0, 9);
    let schedule: ScanSchedule = { type: 'template', start: '', repeatRule: '', enabled: true, dependentId: null };
    if (scheduleKind <= 3) {
      const day = rng.pick(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);
      const freq = rng.pick(['DAILY', 'WEEKLY', 'WEEKLY', 'MONTHLY']);
      const start = new Date((created + 7 * DAY) * 1000).toISOString().slice(0, 10).replaceAll('-', '');
      schedule = {
        type: 'ical',
        start: `TZID=${sci.timezone}:${start}T${String(rng.int(0, 23)).padStart(2, '0')}0000`,
        repeatRule: freq === 'WEEKLY' ? `FREQ=WEEKLY;INTERVAL=1;BYDAY=${day}` : `FREQ=${freq};INTERVAL=1`,
        enabled: rng.chance(0.85),
        dependentId: null,
      };
    } else if (scheduleKind === 4) {
      schedule = { ...schedule, type: 'never' };
    } else if (scheduleKind === 5 && earlier.length > 0) {
      schedule = { ...schedule, type: 'dependent', dependentId: rng.pick(earlier).id };
    }

    const scan = store.scans.add({
      id: store.scans.nextId(),
      uuid: rng.uuid(),
      sciId: sci.id,
      orgId: owner.orgId,
      sciScanId: takeSciScanId(store, sci.id),
      name,
      description: rng.pick(scanDescriptions),
      status: 0,
      type: isPlugin ? 'plugin' : 'policy',
      policyUuid: isPlugin ? '' : rng.pick(policies.get(sci.id) ?? []).uuid,
      pluginId: isPlugin ? rng.pick(PLUGIN_IDS) : -1,
      ownerUuid: owner.uuid,
      creatorUuid: rng.chance(0.85) ? owner.uuid : rng.pick(ownersBySci.get(sci.id) ?? []).uuid,
      repositoryUuid: repository.uuid,
      zoneUuid: rng.chance(0.5) ? rng.pick(zones.get(sci.id) ?? []).uuid : '',
      ipList: ipTargets(rng),
      dhcpTracking: rng.chance(0.3),
      classifyMitigatedAge: rng.pick([0, 0, 0, 30, 90]),
      emailOnLaunch: rng.chance(0.2),
      emailOnFinish: rng.chance(0.5),
      timeoutAction: rng.pick(['import', 'import', 'rollover', 'discard'] as const),
      scanningVirtualHosts: rng.chance(0.2),
      rolloverType: rng.pick(['template', 'template', 'nextDay'] as const),
      maxScanTime: rng.pick([3600, 3600, 7200, 28_800, null]),
      createdTime: created,
      modifiedTime: Math.min(nowSeconds, created + rng.int(0, 60) * DAY),
      schedule,
      assetIds: rng.chance(0.3) ? [rng.pick(assets.get(sci.id) ?? []).id] : [],
    });
    earlier.push(scan);
    scansBySci.set(sci.id, earlier);
  }
}

/**
 * Demo-size answers vary as a real Director's do: every third scan answers references as objects
 * (zones and some repositories without a uuid), one scan has a status value Director's documents
 * do not show, one has an organization reference with an empty id, and the unfiltered list
 * carries one record without an id.
 */
function markVariants(store: DirectorStore): void {
  const scans = [...store.scans.values()];
  const middle = Math.floor(scans.length / 2);
  const odd = scans[middle + 1];
  const unknownStatus = scans[middle];
  if (!odd || !unknownStatus) return;
  unknownStatus.status = 3;
  store.variants = {
    objectRefScanIds: new Set(scans.filter((s) => s.id % 3 === 0).map((s) => s.id)),
    unreadableOrgScanId: odd.id,
    hasScanWithoutId: true,
    scheduleMissingScanIds: new Set(scans.filter((s) => s.id % 5 === 2).map((s) => s.id)),
  };
}
