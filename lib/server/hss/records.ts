import 'server-only';
import { z } from 'zod';
import {
  hssHostSchema,
  scanTaskHostSchema,
  scanTaskRowSchema,
  type HostVulScan,
  type HssHost,
  type ScanTaskHost,
  type ScanTaskRow,
} from '@/lib/schemas/scan-task';
import { eachOf, isObject, noteField, noteRecord, present, readFields, readList, type ReadLog, type RecordReader } from '../read-log';

/** HSS's page envelope (`total_num`, `data_list`) is read strictly; its records tolerantly, one by one. */
export function pageSchema<T>(read: RecordReader<T>, what: string) {
  return z
    .object({ total_num: z.number().int().nonnegative(), data_list: z.array(z.unknown()) })
    .transform((page) => ({ total: page.total_num, ...readList(page.data_list, read, what) }));
}

const count = z.number().int().nonnegative();
const epochMs = z.number().int().nonnegative();
const text = z.string();

function hssRecord(kind: string, raw: unknown, idKey: string, log: ReadLog): { label: string; id: string; raw: Record<string, unknown> } | undefined {
  if (!isObject(raw)) {
    noteRecord(log, kind, 'not an object');
    return undefined;
  }
  const id = raw[idKey];
  if (typeof id !== 'string' || id.trim() === '') {
    noteRecord(log, `${kind} without ${idKey}`, `no usable ${idKey}`);
    return undefined;
  }
  return { label: `${kind} ${id.slice(0, 64)}`, id, raw };
}

const taskFields = {
  scan_type: text,
  start_time: epochMs,
  end_time: epochMs,
  scan_vul_types: eachOf(text),
  status: text,
  scanning_host_num: count,
  success_host_num: count,
  failed_host_num: count,
  estimated_time: epochMs,
};

/** Largest value read as minutes: a year. Epoch seconds start at 10^9 (2001). */
const maxMinutes = 525_600;
const minEpochSeconds = 1e9;
const minEpochMs = 1e11;

/**
 * `estimated_time` is an Integer (int32 in Huawei's SDKs), so not epoch ms; Huawei's estimate API
 * counts minutes, so minutes it is. An epoch-seconds value (or epoch ms) is accepted as an end
 * time. Anything between is not guessed at: it is left out and noted.
 */
export function readEstimate(
  value: number | undefined,
  startTime: number | undefined,
): { estimatedMinutes?: number; expectedEnd?: number } | 'unreadable' {
  if (value === undefined || value === 0) return {};
  if (value <= maxMinutes) {
    return present({ estimatedMinutes: value, expectedEnd: startTime === undefined ? undefined : startTime + value * 60_000 });
  }
  if (value >= minEpochSeconds) {
    const end = value >= minEpochMs ? value : value * 1000;
    const minutes = startTime === undefined || end < startTime ? undefined : Math.round((end - startTime) / 60_000);
    return present({ estimatedMinutes: minutes, expectedEnd: end });
  }
  return 'unreadable';
}

/** One VulScanTaskInfo → ScanDeck's row; undefined (noted) without a usable id. */
export function readScanTask(raw: unknown, log: ReadLog): ScanTaskRow | undefined {
  const record = hssRecord('task', raw, 'id', log);
  if (!record) return undefined;
  const v = readFields(record.raw, taskFields, log, record.label);
  let estimate = readEstimate(v.estimated_time, v.start_time);
  if (estimate === 'unreadable') {
    noteField(log, record.label, 'estimated_time', 'is neither minutes nor an epoch time');
    estimate = {};
  }
  // Only a task still running has something to expect.
  const isFinished = v.status === 'finished';
  return scanTaskRowSchema.parse(
    present({
      id: record.id,
      scanType: v.scan_type,
      vulTypes: v.scan_vul_types ?? [],
      status: v.status,
      startTime: v.start_time,
      // HSS leaves end_time at 0 on some running tasks; 0 is "not yet", not 1970.
      endTime: v.end_time || undefined,
      estimatedMinutes: isFinished ? undefined : estimate.estimatedMinutes,
      expectedEnd: isFinished ? undefined : estimate.expectedEnd,
      scanningHosts: v.scanning_host_num,
      successHosts: v.success_host_num,
      failedHosts: v.failed_host_num,
    }),
  );
}

const vulScanDetail = z.object({
  vul_type: text,
  status: text.optional(),
  failed_reason: text.optional(),
});
const failedReason = z.object({ vul_type: text, failed_reason: text.optional() });

const hostFields = {
  host_name: text,
  public_ip: text,
  private_ip: text,
  asset_value: text,
  scan_status: text,
  failed_reasons: eachOf(failedReason),
  vul_scan_details: eachOf(vulScanDetail),
};

/**
 * One VulScanTaskHostInfo → ScanDeck's host. Per-type results come from `vul_scan_details`;
 * the deprecated `failed_reasons` fill in only the types the details do not cover.
 */
export function readScanTaskHost(raw: unknown, log: ReadLog): ScanTaskHost | undefined {
  const record = hssRecord('host', raw, 'host_id', log);
  if (!record) return undefined;
  const v = readFields(record.raw, hostFields, log, record.label);
  const vulScans: HostVulScan[] = (v.vul_scan_details ?? []).map((d) =>
    present({ vulType: d.vul_type, status: d.status, reason: d.failed_reason || undefined }),
  );
  const covered = new Set(vulScans.map((d) => d.vulType));
  for (const r of v.failed_reasons ?? []) {
    if (!covered.has(r.vul_type)) vulScans.push(present({ vulType: r.vul_type, status: 'failed', reason: r.failed_reason || undefined }));
  }
  return scanTaskHostSchema.parse(
    present({
      hostId: record.id,
      hostName: v.host_name,
      publicIp: v.public_ip,
      privateIp: v.private_ip,
      assetValue: v.asset_value,
      scanStatus: v.scan_status,
      vulScans,
    }),
  );
}

const hostInfoFields = {
  agent_id: z.string().min(1),
  host_name: text,
  private_ip: text,
  public_ip: text,
  os_type: text,
  agent_status: text,
  host_status: text,
  asset_value: text,
};

/** One Host of ListHostStatus → ScanDeck's host; undefined (noted) without a usable host_id. */
export function readHssHost(raw: unknown, log: ReadLog): HssHost | undefined {
  const record = hssRecord('host', raw, 'host_id', log);
  if (!record) return undefined;
  const v = readFields(record.raw, hostInfoFields, log, record.label);
  return hssHostSchema.parse(
    present({
      hostId: record.id,
      agentId: v.agent_id,
      hostName: v.host_name,
      privateIp: v.private_ip,
      publicIp: v.public_ip,
      osType: v.os_type,
      agentStatus: v.agent_status,
      hostStatus: v.host_status,
      assetValue: v.asset_value,
    }),
  );
}
