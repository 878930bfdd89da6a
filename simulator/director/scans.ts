import type { SimRequest, SimResponse } from '../http';
import { orgRef, sciRef, nowSeconds, type DirectorContext } from './refs';
import { takeSciScanId } from './seed';
import {
  bodyObject,
  chooseFields,
  envelope,
  invalidParameter,
  notFound,
  project,
  readBoolean,
  readEnum,
  readFilter,
  readInteger,
  readString,
  str,
  type FieldDef,
} from './tenable';
import { rolloverTypes, scheduleTypes, timeoutActions, type DirectorStore, type ScanRecord, type ScanSchedule } from './types';
import { randomUUID } from 'node:crypto';

/** A user as an object reference, the way Tenable.sc answers `owner` and `creator` objects. */
function userObject(store: DirectorStore, uuid: string): Record<string, string> {
  const user = store.users.byUuid.get(uuid);
  if (!user) return { uuid };
  return { id: str(user.id), uuid: user.uuid, username: user.username, firstname: user.firstname, lastname: user.lastname };
}

export function scanFieldDefs(store: DirectorStore): FieldDef<ScanRecord>[] {
  const onRequestInList = (name: string, get: (s: ScanRecord) => unknown, key?: string): FieldDef<ScanRecord> => ({
    name,
    key,
    list: 'request',
    detail: 'default',
    get,
  });
  const isObjectForm = (s: ScanRecord) => store.variants?.objectRefScanIds.has(s.id) === true;
  /**
   * A reference in the form the Allowed Fields name (an object) for the demo's object-form scans,
   * and in the example answers' flat `…UUID` form for the others.
   */
  const reference = (name: string, flat: (s: ScanRecord) => string, object: (s: ScanRecord) => Record<string, string> | null): FieldDef<ScanRecord> => ({
    ...onRequestInList(name, flat, `${name}UUID`),
    answer: (s) => (isObjectForm(s) ? { [name]: object(s) } : { [`${name}UUID`]: flat(s) }),
  });
  // No such object (a plugin scan's policy): null, as an object reference to nothing.
  const named = (record: { id: number; uuid: string; name: string } | undefined, withUuid = true) =>
    record ? { id: str(record.id), ...(withUuid ? { uuid: record.uuid } : {}), name: record.name } : null;
  return [
    { name: 'id', list: 'always', detail: 'always', get: (s) => str(s.id) },
    { name: 'uuid', list: 'always', detail: 'always', get: (s) => s.uuid },
    reference(
      'owner',
      (s) => s.ownerUuid,
      (s) => userObject(store, s.ownerUuid),
    ),
    reference(
      'creator',
      (s) => s.creatorUuid,
      (s) => userObject(store, s.creatorUuid),
    ),
    { name: 'name', list: 'default', detail: 'default', get: (s) => s.name },
    { name: 'description', list: 'default', detail: 'default', get: (s) => s.description },
    onRequestInList('sciScanID', (s) => str(s.sciScanId)),
    onRequestInList('ipList', (s) => s.ipList),
    onRequestInList('type', (s) => s.type),
    reference(
      'policy',
      (s) => s.policyUuid,
      (s) => named(store.policies.byUuid.get(s.policyUuid)),
    ),
    onRequestInList('plugin', (s) => str(s.pluginId), 'pluginID'),
    // Every other object-form scan names its repository without a uuid, as some answers do.
    reference(
      'repository',
      (s) => s.repositoryUuid,
      (s) => named(store.repositories.byUuid.get(s.repositoryUuid), s.id % 2 === 1),
    ),
    // Director's Scan Zone has no uuid; a scan without a zone answers the "All Zones" pseudo-zone.
    reference(
      'zone',
      (s) => s.zoneUuid,
      (s) => (s.zoneUuid === '' ? { id: '-1', name: 'All Zones' } : named(store.zones.byUuid.get(s.zoneUuid), false)),
    ),
    onRequestInList('dhcpTracking', (s) => str(s.dhcpTracking)),
    onRequestInList('classifyMitigatedAge', (s) => str(s.classifyMitigatedAge)),
    onRequestInList('emailOnLaunch', (s) => str(s.emailOnLaunch)),
    onRequestInList('emailOnFinish', (s) => str(s.emailOnFinish)),
    onRequestInList('timeoutAction', (s) => s.timeoutAction),
    onRequestInList('scanningVirtualHosts', (s) => str(s.scanningVirtualHosts)),
    onRequestInList('rolloverType', (s) => s.rolloverType),
    { name: 'status', list: 'default', detail: 'default', get: (s) => str(s.status) },
    onRequestInList('maxScanTime', (s) => (s.maxScanTime === null ? 'unlimited' : str(s.maxScanTime))),
    onRequestInList('createdTime', (s) => str(s.createdTime)),
    onRequestInList('modifiedTime', (s) => str(s.modifiedTime)),
    { name: 'SCI', list: 'default', detail: 'default', get: (s) => sciRef(store, s.sciId) },
    {
      name: 'organization',
      list: 'default',
      detail: 'default',
      get: (s) => (store.variants?.unreadableOrgScanId === s.id ? { ...orgRef(store, s.orgId), id: '' } : orgRef(store, s.orgId)),
    },
    // Not in the document; sent when asked, as the object Tenable.sc takes (type, start,
    // repeatRule, enabled, dependentID), except for some seeded scans that answer without it.
    {
      name: 'schedule',
      list: 'request',
      detail: 'request',
      get: (s) => scheduleOut(s.schedule),
      answer: (s) => (store.variants?.scheduleMissingScanIds.has(s.id) ? {} : { schedule: scheduleOut(s.schedule) }),
    },
    {
      name: 'assets',
      list: 'request',
      detail: 'request',
      get: (s) => s.assetIds.map((id) => ({ id: str(id), name: store.assets.byId.get(id)?.name ?? '' })),
    },
  ];
}

function scheduleOut(schedule: ScanSchedule): Record<string, string> {
  const out: Record<string, string> = {
    type: schedule.type,
    start: schedule.start,
    repeatRule: schedule.repeatRule,
    enabled: str(schedule.enabled),
  };
  if (schedule.dependentId !== null) out.dependentID = str(schedule.dependentId);
  return out;
}

export function listScans(ctx: DirectorContext, defs: FieldDef<ScanRecord>[], req: SimRequest): SimResponse {
  const body = bodyObject(req);
  const sciId = readFilter(req, body, 'sciID');
  const orgId = readFilter(req, body, 'orgID');
  const fields = chooseFields(defs, req.query.get('fields'), 'list');
  const out: Record<string, unknown>[] = [];
  for (const scan of ctx.store.scans.values()) {
    if (sciId !== undefined && scan.sciId !== sciId) continue;
    if (orgId !== undefined && scan.orgId !== orgId) continue;
    out.push(project(fields, scan));
  }
  if (ctx.store.variants?.hasScanWithoutId && sciId === undefined && orgId === undefined) {
    out.push({ uuid: '00000000-0000-4000-8000-000000000000', name: 'Scan migrated without an id', description: '', status: '0' });
  }
  return envelope(out, ctx.now());
}

export function findScan(ctx: DirectorContext, idOrUuid: string): ScanRecord {
  const scan = ctx.store.scans.find(idOrUuid);
  if (!scan) throw notFound('Scan', idOrUuid);
  return scan;
}

export function getScan(ctx: DirectorContext, defs: FieldDef<ScanRecord>[], req: SimRequest, idOrUuid: string): SimResponse {
  const scan = findScan(ctx, idOrUuid);
  return envelope(project(chooseFields(defs, req.query.get('fields'), 'detail'), scan), ctx.now());
}

export function deleteScan(ctx: DirectorContext, idOrUuid: string): SimResponse {
  const scan = findScan(ctx, idOrUuid);
  ctx.store.scans.delete(scan);
  return envelope('', ctx.now());
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^(?=.*:)[0-9A-Fa-f:.]{2,45}$/;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** An ipList entry: an IPv4/IPv6 address, a CIDR block, a dash range of IPv4 addresses, or a host name. */
export function isTarget(token: string): boolean {
  const slash = token.split('/');
  if (slash.length === 2) {
    const [addr = '', bits = ''] = slash;
    if (!/^\d{1,3}$/.test(bits)) return false;
    if (IPV4.test(addr)) return Number(bits) <= 32;
    if (IPV6.test(addr)) return Number(bits) <= 128;
    return false;
  }
  if (slash.length > 2) return false;
  const dash = token.split('-');
  if (dash.length === 2 && dash.every((part) => IPV4.test(part))) return true;
  if (IPV4.test(token) || IPV6.test(token)) return true;
  // A name whose last label is all digits is a mistyped address (10.0.0.300), not a host.
  return HOSTNAME.test(token) && !/(^|\.)\d+$/.test(token);
}

// Area/City names, and single names such as UTC that the tz database also holds.
const ICAL_START = /^TZID=[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*:\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3])[0-5]\d[0-5]\d$/;
const REPEAT_RULE = /^FREQ=(ONCE|MINUTELY|HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[A-Za-z0-9,+-]+)*$/;

/** Resolves a uuid that must name an object on the chosen SCI. */
function onSci<T extends { sciId: number }>(found: T | undefined, sciId: number, name: string, object: string): T {
  if (!found) throw invalidParameter(name, `${object} not found`);
  if (found.sciId !== sciId) throw invalidParameter(name, `${object} is not on SCI #${sciId}`);
  return found;
}

function readUuid(value: unknown, name: string): string {
  const text = readString(value, name).trim();
  if (text === '') throw invalidParameter(name, 'is required');
  return text.toUpperCase();
}

export function createScan(ctx: DirectorContext, defs: FieldDef<ScanRecord>[], req: SimRequest): SimResponse {
  const { store } = ctx;
  const body = bodyObject(req);
  const has = (key: string) => body[key] !== undefined && body[key] !== null;

  if (!has('name')) throw invalidParameter('name', 'is required');
  const name = readString(body.name, 'name').trim();
  if (name === '') throw invalidParameter('name', 'is required');
  const type = has('type') ? readEnum(body.type, 'type', ['policy', 'plugin'] as const) : 'policy';
  const description = has('description') ? readString(body.description, 'description') : '';

  if (!has('sciID')) throw invalidParameter('sciID', 'is required');
  const sciId = readInteger(body.sciID, 'sciID', 1, Number.MAX_SAFE_INTEGER);
  const sci = store.scis.byId.get(sciId);
  if (!sci) throw invalidParameter('sciID', `SCI #${sciId} not found`);

  if (!has('userUUID')) throw invalidParameter('userUUID', 'is required');
  const owner = onSci(store.users.byUuid.get(readUuid(body.userUUID, 'userUUID')), sciId, 'userUUID', 'user');
  // Tenable.sc scans belong to an organizational user; administrators (organization 0) own none.
  if (owner.orgId === 0) throw invalidParameter('userUUID', 'an administrator cannot own a scan; choose a user of an organization');

  if (!has('repositoryUUID')) throw invalidParameter('repositoryUUID', 'is required');
  const repository = onSci(store.repositories.byUuid.get(readUuid(body.repositoryUUID, 'repositoryUUID')), sciId, 'repositoryUUID', 'repository');

  let policyUuid = '';
  let pluginId = -1;
  if (type === 'policy') {
    if (!has('policyUUID') || body.policyUUID === '') throw invalidParameter('policyUUID', 'is required for a policy scan');
    policyUuid = onSci(store.policies.byUuid.get(readUuid(body.policyUUID, 'policyUUID')), sciId, 'policyUUID', 'policy').uuid;
  } else {
    if (!has('pluginID')) throw invalidParameter('pluginID', 'is required for a plugin scan');
    pluginId = readInteger(body.pluginID, 'pluginID', 1, 9_999_999);
  }

  let zoneUuid = '';
  if (has('zoneUUID') && body.zoneUUID !== '') {
    zoneUuid = onSci(store.zones.byUuid.get(readUuid(body.zoneUUID, 'zoneUUID')), sciId, 'zoneUUID', 'zone').uuid;
  }

  const flag = (key: string) => (has(key) ? readBoolean(body[key], key) : false);
  const dhcpTracking = flag('dhcpTracking');
  const emailOnLaunch = flag('emailOnLaunch');
  const emailOnFinish = flag('emailOnFinish');
  const scanningVirtualHosts = flag('scanningVirtualHosts');
  const classifyMitigatedAge = has('classifyMitigatedAge') ? readInteger(body.classifyMitigatedAge, 'classifyMitigatedAge', 0, 365) : 0;
  const timeoutAction = has('timeoutAction') ? readEnum(body.timeoutAction, 'timeoutAction', timeoutActions) : 'import';
  const rolloverType = has('rolloverType') ? readEnum(body.rolloverType, 'rolloverType', rolloverTypes) : 'template';

  const ipList = has('ipList') ? readString(body.ipList, 'ipList').trim() : '';
  const targets = ipList.split(/[\s,]+/).filter(Boolean);
  const badTarget = targets.find((t) => !isTarget(t));
  if (badTarget !== undefined) throw invalidParameter('ipList', `"${badTarget}" is not an address, range, CIDR block or host name`);

  let maxScanTime: number | null = 3600;
  if (has('maxScanTime')) {
    maxScanTime = body.maxScanTime === 'unlimited' ? null : readInteger(body.maxScanTime, 'maxScanTime', 1, 31_536_000);
  }

  const schedule = readSchedule(ctx, body.schedule, sciId);
  const assetIds = readAssets(ctx, body.assets, sciId);

  const now = nowSeconds(ctx);
  const scan = store.scans.add({
    id: store.scans.nextId(),
    uuid: randomUUID().toUpperCase(),
    sciId,
    orgId: owner.orgId,
    sciScanId: takeSciScanId(store, sci.id),
    name,
    description,
    status: 0,
    type,
    policyUuid,
    pluginId,
    ownerUuid: owner.uuid,
    creatorUuid: owner.uuid,
    repositoryUuid: repository.uuid,
    zoneUuid,
    ipList: targets.join(','),
    dhcpTracking,
    classifyMitigatedAge,
    emailOnLaunch,
    emailOnFinish,
    timeoutAction,
    scanningVirtualHosts,
    rolloverType,
    maxScanTime,
    createdTime: now,
    modifiedTime: now,
    schedule,
    assetIds,
  });
  return envelope(project(chooseFields(defs, null, 'detail'), scan), ctx.now());
}

function readSchedule(ctx: DirectorContext, value: unknown, sciId: number): ScanSchedule {
  const schedule: ScanSchedule = { type: 'template', start: '', repeatRule: '', enabled: true, dependentId: null };
  if (value === undefined || value === null) return schedule;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParameter('schedule', 'must be an object');
  const input = value as Record<string, unknown>;
  if (input.type !== undefined) schedule.type = readEnum(input.type, 'schedule.type', scheduleTypes);
  if (input.enabled !== undefined) schedule.enabled = readBoolean(input.enabled, 'schedule.enabled');
  if (schedule.type === 'ical') {
    const start = input.start === undefined ? '' : readString(input.start, 'schedule.start');
    if (!ICAL_START.test(start)) {
      throw invalidParameter('schedule.start', 'must be an iCal start such as TZID=America/New_York:20260105T090000');
    }
    const repeatRule = input.repeatRule === undefined ? '' : readString(input.repeatRule, 'schedule.repeatRule');
    if (!REPEAT_RULE.test(repeatRule)) {
      throw invalidParameter('schedule.repeatRule', 'must be a repeat rule such as FREQ=WEEKLY;INTERVAL=1;BYDAY=MO');
    }
    schedule.start = start;
    schedule.repeatRule = repeatRule;
  }
  if (schedule.type === 'dependent') {
    if (input.dependentID === undefined) throw invalidParameter('schedule.dependentID', 'is required for a dependent schedule');
    const dependentId = readInteger(input.dependentID, 'schedule.dependentID', 1, Number.MAX_SAFE_INTEGER);
    const parent = ctx.store.scans.byId.get(dependentId);
    if (!parent) throw invalidParameter('schedule.dependentID', `scan #${dependentId} not found`);
    if (parent.sciId !== sciId) throw invalidParameter('schedule.dependentID', `scan #${dependentId} is not on SCI #${sciId}`);
    schedule.dependentId = dependentId;
  }
  return schedule;
}

function readAssets(ctx: DirectorContext, value: unknown, sciId: number): number[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidParameter('assets', 'must be a list of { "id": <number> }');
  return value.map((item: unknown) => {
    const raw = item !== null && typeof item === 'object' ? (item as Record<string, unknown>).id : item;
    const id = readInteger(raw, 'assets', 1, Number.MAX_SAFE_INTEGER);
    return onSci(ctx.store.assets.byId.get(id), sciId, 'assets', `asset #${id}`).id;
  });
}
