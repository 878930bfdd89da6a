import 'server-only';
import { z } from 'zod';
import { describeSchedule } from '@/lib/format/schedule';
import { scanRowSchema, type ScanRow } from '@/lib/schemas/scan';
import { listSchema, present, recordSchema } from '../read-log';
import {
  directorRecord,
  objectRef,
  optionalBool,
  optionalInt,
  optionalTime,
  placeOf,
  vendorInt,
  vendorObjectRef,
  vendorRef,
  vendorText,
  vendorUuid,
} from './records';

const blank = z.literal('').transform(() => undefined);

/**
 * The scan fields ScanDeck reads, in both documented forms: the Allowed Fields list names
 * objects (`policy`, `zone`, ...), the example answers carry flat `policyUUID`, `zoneUUID: ""`,
 * `pluginID`. Nothing outside this list is read, so nothing else can reach the browser.
 */
const scanFields = {
  uuid: vendorUuid,
  name: vendorText,
  description: vendorText,
  status: vendorText,
  SCI: vendorRef,
  organization: vendorRef,
  sciScanID: optionalInt,
  type: vendorText,
  policyUUID: z.string(),
  ownerUUID: z.string(),
  creatorUUID: z.string(),
  repositoryUUID: z.string(),
  zoneUUID: z.string(),
  pluginID: optionalInt,
  policy: vendorObjectRef,
  owner: vendorObjectRef,
  creator: vendorObjectRef,
  repository: vendorObjectRef,
  zone: vendorObjectRef,
  plugin: z.object({ id: vendorInt, name: vendorText.optional() }).nullable(),
  ipList: vendorText,
  dhcpTracking: optionalBool,
  classifyMitigatedAge: optionalInt,
  emailOnLaunch: optionalBool,
  emailOnFinish: optionalBool,
  timeoutAction: vendorText,
  scanningVirtualHosts: optionalBool,
  rolloverType: vendorText,
  maxScanTime: z.union([z.literal('unlimited').transform(() => null), optionalInt]),
  createdTime: optionalTime,
  modifiedTime: optionalTime,
  /**
   * Not in Director's field list for /mgmt/scan (asked for all the same): Tenable.sc's schedule
   * object, `{type, start, repeatRule, enabled, dependentID}` as pyTenable builds it. Any part may
   * be missing or blank; a schedule without a type is unreadable.
   */
  schedule: z.object({
    type: z.string().min(1),
    start: z.union([blank, vendorText]).optional(),
    repeatRule: z.union([blank, vendorText]).optional(),
    enabled: optionalBool.optional(),
    dependentID: optionalInt.optional(),
  }),
};

function scheduleOf(v: z.output<(typeof scanFields)['schedule']> | undefined): ScanRow['schedule'] {
  if (v === undefined) return undefined;
  const schedule = { type: v.type, start: v.start, repeatRule: v.repeatRule, enabled: v.enabled, dependentId: v.dependentID };
  return present({ ...schedule, text: describeSchedule(schedule) });
}

function pluginOf(object: { id: number; name?: string | undefined } | null | undefined, flat: number | undefined): ScanRow['plugin'] {
  if (object !== undefined) {
    if (object === null || object.id < 0) return null;
    return object.name !== undefined ? { id: object.id, name: object.name } : { id: object.id };
  }
  if (flat === undefined) return undefined;
  return flat < 0 ? null : { id: flat };
}

/** One Director scan → ScanDeck's row; undefined (noted) when it has no usable id. */
export const readScan = directorRecord('scan', scanFields, (id, v): ScanRow => {
  // Director's names and forms that differ from ScanDeck's; every other field keeps its name.
  const {
    SCI,
    organization,
    sciScanID,
    policyUUID,
    policy,
    ownerUUID,
    owner,
    creatorUUID,
    creator,
    repositoryUUID,
    repository,
    zoneUUID,
    zone,
    pluginID,
    plugin,
    schedule,
    ...same
  } = v;
  const row: ScanRow = {
    id,
    ...same,
    ...placeOf({ SCI, organization }),
    sciScanId: sciScanID,
    policy: objectRef(policyUUID, policy),
    owner: objectRef(ownerUUID, owner),
    creator: objectRef(creatorUUID, creator),
    repository: objectRef(repositoryUUID, repository),
    zone: objectRef(zoneUUID, zone),
    plugin: pluginOf(plugin, pluginID),
    schedule: scheduleOf(schedule),
  };
  // The DTO schema is the last allowlist: what it does not name never reaches the browser.
  return scanRowSchema.parse(present(row));
});

export const scanListSchema = listSchema(readScan, 'director /mgmt/scan');
export const scanRecordSchema = recordSchema(readScan, 'director /mgmt/scan/{id}');
