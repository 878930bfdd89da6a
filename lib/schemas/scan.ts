import { z } from 'zod';
import { columnsParam, refreshParam, unreadableSchema, idOrUuid, listQuery, listResponse, refSchema, uuid } from './common';
import { timeoutActions, rolloverTypes, scanTypes } from './scan-choices';
import { scanColumnIds, sortableScanColumns } from './scan-fields';
import { isScanTarget, splitTargets } from './scan-targets';
export { timeoutActions, rolloverTypes, scheduleTypes, scanTypes } from './scan-choices';
export {
  scanColumns,
  scanColumnIds,
  defaultScanColumns,
  sortableScanColumns,
  type ScanColumn,
} from './scan-fields';
export { isScanTarget, splitTargets } from './scan-targets';

/**
 * A Director object a scan refers to (policy, repository, zone, owner, creator). Director sends
 * either a flat `…UUID` or an object with or without `uuid` (zone `{"id":"-1","name":"All Zones"}`),
 * so each part is optional; null means none.
 */
export const uuidRefSchema = z.object({ uuid: z.string().optional(), id: z.number().int().optional(), name: z.string().optional() });
export type ObjectRefValue = z.infer<typeof uuidRefSchema>;

/**
 * One scan as ScanDeck serves it. Only `id` and `uuid` always come back (Director's `*` fields);
 * the rest depend on the `fields` asked for, so they are optional.
 */
export const scanRowSchema = z.object({
  id: z.number().int(),
  /** always sent by Director (`*`); absent only when it could not be read */
  uuid: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  /** Director's value as sent ("0" in every documented example); its meanings are not documented */
  status: z.string().optional(),
  sci: refSchema.optional(),
  organization: refSchema.optional(),
  sciScanId: z.number().int().optional(),
  type: z.string().optional(),
  policy: uuidRefSchema.nullable().optional(),
  owner: uuidRefSchema.nullable().optional(),
  creator: uuidRefSchema.nullable().optional(),
  repository: uuidRefSchema.nullable().optional(),
  zone: uuidRefSchema.nullable().optional(),
  plugin: z.object({ id: z.number().int(), name: z.string().optional() }).nullable().optional(),
  ipList: z.string().optional(),
  dhcpTracking: z.boolean().optional(),
  classifyMitigatedAge: z.number().int().optional(),
  emailOnLaunch: z.boolean().optional(),
  emailOnFinish: z.boolean().optional(),
  timeoutAction: z.string().optional(),
  scanningVirtualHosts: z.boolean().optional(),
  rolloverType: z.string().optional(),
  /** seconds; null means unlimited */
  maxScanTime: z.number().int().nullable().optional(),
  /** ISO 8601 */
  createdTime: z.string().optional(),
  modifiedTime: z.string().optional(),
  /** absent when Director did not send one (its documents do not list `schedule` for /mgmt/scan) */
  schedule: z
    .object({
      /** "ical", "never", "template", "dependent", "rollover", "now", or what Director sent */
      type: z.string(),
      /** iCal DTSTART, `TZID=Europe/Paris:20270104T090000` */
      start: z.string().optional(),
      /** iCal RRULE, `FREQ=WEEKLY;INTERVAL=1;BYDAY=MO` */
      repeatRule: z.string().optional(),
      enabled: z.boolean().optional(),
      /** the scan this one runs after (type "dependent") */
      dependentId: z.number().int().optional(),
      /** in plain words, worded by the BFF so list pages ship no schedule parser: "Every week on Monday at 09:00 Europe/Paris" */
      text: z.string(),
    })
    .optional(),
});
export type ScanRow = z.infer<typeof scanRowSchema>;
/** A scan as a bulk action's confirmation names it. */
export type ScanSelectionItem = Pick<ScanRow, 'id' | 'name' | 'sci'>;
// Every column is a field of the row; checked here, beside the row, so scan-fields.ts (plain values for
// list pages) needs nothing from this file.
scanColumnIds satisfies readonly (keyof ScanRow)[];

const columnList = columnsParam(scanColumnIds);

export const listScansQuery = listQuery.extend({
  sort: z.enum(sortableScanColumns).optional(),
  sciId: z.coerce.number().int().nonnegative().optional(),
  orgId: z.coerce.number().int().nonnegative().optional(),
  /** visible columns; decides the `fields` asked of Director */
  columns: columnList.optional(),
  refresh: refreshParam,
});
export type ListScansQuery = z.infer<typeof listScansQuery>;

export const listScansResponse = listResponse(scanRowSchema);
export const scanDetailResponse = scanRowSchema.extend({ unreadable: unreadableSchema.optional() });
export type ScanDetail = z.infer<typeof scanDetailResponse>;

export const scanParams = z.object({ id: idOrUuid });

/** iCal DTSTART as Tenable.sc takes it: `TZID=Area/City:YYYYMMDDTHHMMSS`. */
export const icalStart = z
  .string()
  .max(100, { error: 'must be at most 100 characters', abort: true })
  .regex(/^TZID=[A-Za-z0-9_+\-/]+:\d{8}T\d{6}$/, 'must look like TZID=Europe/Paris:20261201T090000');

/** RRULE subset the form builds: FREQ=ONCE|DAILY|WEEKLY|MONTHLY, INTERVAL, BYDAY, BYMONTHDAY. */
export const repeatRule = z
  .string()
  .max(200, { error: 'must be at most 200 characters', abort: true })
  .regex(
    /^FREQ=(ONCE|DAILY|WEEKLY|MONTHLY)(;INTERVAL=\d{1,2})?(;BYDAY=((MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*|-?[1-4](MO|TU|WE|TH|FR|SA|SU)))?(;BYMONTHDAY=\d{1,2})?$/,
    'must be a repeat rule such as FREQ=WEEKLY;INTERVAL=1;BYDAY=MO',
  );

export const scheduleInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('never'), enabled: z.boolean().default(true) }),
  z.object({ type: z.literal('template'), enabled: z.boolean().default(true) }),
  z.object({ type: z.literal('rollover'), enabled: z.boolean().default(true) }),
  z.object({
    type: z.literal('ical'),
    start: icalStart,
    repeatRule,
    enabled: z.boolean().default(true),
  }),
  z.object({
    type: z.literal('dependent'),
    dependentId: z.number({ error: 'choose the scan this one follows' }).int().positive(),
    enabled: z.boolean().default(true),
  }),
]);
export type ScheduleInput = z.infer<typeof scheduleInput>;

/** What the cross-field rules of `createScanInput` read; the other fields may still be wrong. */
const crossFieldInputs = z.object({
  type: z.enum(scanTypes),
  policyUuid: z.string(),
  pluginId: z.union([z.number(), z.nan()]).optional(),
  ipList: z.string(),
  assets: z.array(z.unknown()),
});

const maxScanTimeMessage = 'must be whole seconds from 60 (a minute) to 31,536,000 (a year), or unlimited';

/**
 * Everything Director's POST /mgmt/scan documents, in ScanDeck's names and types, with the
 * documented defaults. The form and the handler parse with this same schema.
 */
export const createScanInput = z
  .object({
    name: z.string().trim().min(1, 'a name is required').max(1024, 'must be at most 1,024 characters'),
    description: z.string().max(4096, 'must be at most 4,096 characters').default(''),
    type: z.enum(scanTypes).default('policy'),
    sciId: z.number({ error: 'choose an SCI' }).int().positive('choose an SCI'),
    ownerUuid: uuid.or(z.literal('').transform(() => undefined)).refine((v) => v !== undefined, 'choose an owner'),
    policyUuid: z.string().default(''),
    pluginId: z
      .number({ error: 'must be a plugin id (a whole number)' })
      .int('must be a plugin id (a whole number)')
      .positive('must be a plugin id (a whole number)')
      .optional(),
    repositoryUuid: uuid.or(z.literal('').transform(() => undefined)).refine((v) => v !== undefined, 'choose a repository'),
    zoneUuid: z.union([uuid, z.literal('')]).default(''),
    dhcpTracking: z.boolean().default(false),
    classifyMitigatedAge: z
      .number({ error: 'must be a number of days' })
      .int('must be a whole number of days')
      .min(0, 'must be 0 to 365 days')
      .max(365, 'must be 0 to 365 days')
      .default(0),
    schedule: scheduleInput.default({ type: 'template', enabled: true }),
    assets: z.array(z.number().int().positive()).max(500, 'at most 500 assets').default([]),
    emailOnLaunch: z.boolean().default(false),
    emailOnFinish: z.boolean().default(false),
    timeoutAction: z.enum(timeoutActions).default('import'),
    scanningVirtualHosts: z.boolean().default(false),
    rolloverType: z.enum(rolloverTypes).default('template'),
    ipList: z.string().max(20_000, 'must be at most 20,000 characters').default(''),
    /** seconds, or 'unlimited' */
    maxScanTime: z
      .union([z.number().int(maxScanTimeMessage).min(60, maxScanTimeMessage).max(31_536_000, maxScanTimeMessage), z.literal('unlimited')], {
        error: maxScanTimeMessage,
      })
      .default(3600),
  })
  .superRefine(
    (v, ctx) => {
      if (v.type === 'policy' && !uuid.safeParse(v.policyUuid).success) {
        ctx.addIssue({ code: 'custom', path: ['policyUuid'], message: 'choose a policy' });
      }
      if (v.type === 'plugin' && v.pluginId === undefined) {
        ctx.addIssue({ code: 'custom', path: ['pluginId'], message: 'a plugin id is required for a plugin scan' });
      }
      const bad = splitTargets(v.ipList).filter((t) => !isScanTarget(t));
      if (bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['ipList'],
          message: `not an address, range, CIDR block or host name: ${bad.slice(0, 5).join(', ')}`,
        });
      }
      if (splitTargets(v.ipList).length === 0 && v.assets.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['ipList'], message: 'give at least one target or asset' });
      }
    },
    // Runs as soon as the fields it reads parsed, even when others did not, so one pass (the form's
    // or the handler's) names every problem instead of revealing the cross-field ones in a second round.
    { when: (payload) => crossFieldInputs.safeParse(payload.value).success },
  );
export type CreateScanInput = z.input<typeof createScanInput>;
export type CreateScan = z.output<typeof createScanInput>;
