/** Director's records as the simulator keeps them: typed values, serialised to strings on output. */
export interface SciRecord {
  id: number;
  uuid: string;
  name: string;
  description: string;
  version: string;
  timezone: string;
  /** the SCI's Nessus scanners as Director lists them under `/sci` */
  scanners: Array<{ id: number; name: string; isWorking: boolean }>;
  /** seconds before "now" of the last sync with Director, so the demo's last sync stays recent */
  lastSyncAgoS: number;
  createdTime: number;
  modifiedTime: number;
}

export interface NamedRef {
  id: number;
  name: string;
  description: string;
}

export interface OrgRecord {
  id: number;
  uuid: string;
  sciId: number;
  sciOrgId: number;
  name: string;
  description: string;
  email: string;
  address: string;
  city: string;
  state: string;
  country: string;
  phone: string;
  fax: string;
  zoneSelection: 'auto_only' | 'locked' | 'selectable' | 'selectable+auto' | 'selectable+auto_restricted';
  restrictedIPs: string;
  vulnScoreLow: number;
  vulnScoreMedium: number;
  vulnScoreHigh: number;
  vulnScoreCritical: number;
  vulnScoringSystem: 'CVSSv2' | 'CVSSv3';
  createdTime: number;
  modifiedTime: number;
  lces: NamedRef[];
  repositoryIds: number[];
  zoneIds: number[];
  nessusManagers: NamedRef[];
  pubSites: Array<NamedRef & { type: string }>;
  ldapIds: number[];
}

export interface LookupRecord {
  id: number;
  uuid: string;
  sciId: number;
  name: string;
  description: string;
}
export type PolicyRecord = LookupRecord;
export interface RepositoryRecord extends LookupRecord {
  type: 'Local' | 'Remote' | 'Offline';
  dataFormat: string;
}
export interface ZoneRecord extends LookupRecord {
  ipList: string;
}
export interface AssetRecord extends LookupRecord {
  type: 'static' | 'dynamic' | 'combination';
}
export type LdapRecord = LookupRecord;

export interface Preference {
  name: string;
  tag: string;
  value: string;
}

export type AuthType = 'ldap' | 'legacy' | 'saml' | 'tns' | 'linked' | 'linked_non_admin';
export type EmailNotice = '' | 'both' | 'id' | 'none' | 'password';

/** What only security managers carry on top of a user. */
export interface SecurityManagerDetails {
  status: number;
  roleId: number;
  groupId: number;
  authType: AuthType;
  /** scrypt hash; never answered, only "SET" */
  passwordHash: string | null;
  mustChangePassword: boolean;
  passwordExpires: boolean;
  passwordExpiration: number;
  passwordExpirationOverride: boolean;
  passwordSetDate: number;
  locked: boolean;
  failedLogins: number;
  lastLogin: number;
  lastLoginIP: string;
  fingerprint: string | null;
  description: string;
  emailNotice: EmailNotice;
  managedUsersGroupIds: number[];
  managedObjectsGroupIds: number[];
  preferences: Preference[];
  responsibleAssetId: number | null;
  ldapId: number | null;
  ldapUsername: string;
  parentUserId: number | null;
}

export interface UserRecord {
  id: number;
  uuid: string;
  sciId: number;
  /** 0 = administrators */
  orgId: number;
  sciUserId: number;
  sciRoleId: number;
  sciGroupId: number;
  username: string;
  firstname: string;
  lastname: string;
  email: string;
  title: string;
  address: string;
  city: string;
  state: string;
  country: string;
  phone: string;
  fax: string;
  createdTime: number;
  modifiedTime: number;
  securityManager?: SecurityManagerDetails;
}

export const scheduleTypes = ['dependent', 'ical', 'never', 'rollover', 'template'] as const;
export type ScheduleType = (typeof scheduleTypes)[number];

export interface ScanSchedule {
  type: ScheduleType;
  start: string;
  repeatRule: string;
  enabled: boolean;
  dependentId: number | null;
}

export const timeoutActions = ['discard', 'import', 'rollover'] as const;
export const rolloverTypes = ['nextDay', 'template'] as const;

export interface ScanRecord {
  id: number;
  uuid: string;
  sciId: number;
  orgId: number;
  sciScanId: number;
  name: string;
  description: string;
  status: number;
  type: 'policy' | 'plugin';
  policyUuid: string;
  pluginId: number;
  ownerUuid: string;
  creatorUuid: string;
  repositoryUuid: string;
  zoneUuid: string;
  ipList: string;
  dhcpTracking: boolean;
  classifyMitigatedAge: number;
  emailOnLaunch: boolean;
  emailOnFinish: boolean;
  timeoutAction: (typeof timeoutActions)[number];
  scanningVirtualHosts: boolean;
  rolloverType: (typeof rolloverTypes)[number];
  /** seconds, or null for "unlimited" */
  maxScanTime: number | null;
  createdTime: number;
  modifiedTime: number;
  schedule: ScanSchedule;
  assetIds: number[];
}

/** A table with O(1) lookups by id and by upper-case uuid; iteration follows insertion (id) order. */
export class Table<T extends { id: number; uuid: string }> {
  readonly byId = new Map<number, T>();
  readonly byUuid = new Map<string, T>();
  private lastId = 0;

  add(record: T): T {
    this.byId.set(record.id, record);
    this.byUuid.set(record.uuid, record);
    if (record.id > this.lastId) this.lastId = record.id;
    return record;
  }

  nextId(): number {
    return this.lastId + 1;
  }

  delete(record: T): void {
    this.byId.delete(record.id);
    this.byUuid.delete(record.uuid);
  }

  /** by numeric id or by uuid (any case) */
  find(idOrUuid: string): T | undefined {
    if (/^\d{1,15}$/.test(idOrUuid)) return this.byId.get(Number(idOrUuid));
    return this.byUuid.get(idOrUuid.toUpperCase());
  }

  get size(): number {
    return this.byId.size;
  }

  values(): IterableIterator<T> {
    return this.byId.values();
  }
}

export interface DirectorStore {
  scis: Table<SciRecord>;
  organizations: Table<OrgRecord>;
  users: Table<UserRecord>;
  scans: Table<ScanRecord>;
  policies: Table<PolicyRecord>;
  repositories: Table<RepositoryRecord>;
  zones: Table<ZoneRecord>;
  assets: Table<AssetRecord>;
  ldaps: Table<LdapRecord>;
  /** user ids per organization id (0 = administrators of every SCI), for userCount and filters */
  usersByOrg: Map<number, Set<number>>;
  /** the next sciUserID / sciScanID per SCI */
  nextSciUserId: Map<number, number>;
  nextSciScanId: Map<number, number>;
  /**
   * At demo size the answers vary the way real Directors' do, so the demo and the tests walk the
   * tolerant paths: undefined answers every record in one form.
   */
  variants: AnswerVariants | undefined;
}

export interface AnswerVariants {
  /** scans answered with object references (`policy`, `zone`, ...) rather than flat `…UUID` strings */
  objectRefScanIds: ReadonlySet<number>;
  /** a scan whose organization reference comes with an empty id: that field cannot be read */
  unreadableOrgScanId: number;
  /** the unfiltered scan list also carries one record without an id, which clients skip */
  hasScanWithoutId: boolean;
  /**
   * scans answered without `schedule` even when it is asked for: Director's documents do not list
   * the field for /mgmt/scan, so a client must cope with it missing
   */
  scheduleMissingScanIds: ReadonlySet<number>;
}
