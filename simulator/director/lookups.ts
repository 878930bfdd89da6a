import type { SimRequest, SimResponse } from '../http';
import { nowSeconds, sciRef, type DirectorContext } from './refs';
import { bodyObject, envelope, readFilter, str } from './tenable';
import type { LookupRecord, Table } from './types';

/**
 * GET /rest/sci, as Tenable's "Tenable.sc Instance" page shows it: status "1" for a working SCI,
 * `lastSyncTime` in epoch seconds as a string, the counts as numbers, `scanners` as references.
 * Every field is always answered, asked for or not.
 */
export function listScis(ctx: DirectorContext): SimResponse {
  const now = nowSeconds(ctx);
  return envelope(
    Array.from(ctx.store.scis.values(), (s) => ({
      id: str(s.id),
      uuid: s.uuid,
      name: s.name,
      description: s.description,
      ip: `10.20.${s.id}.10`,
      version: s.version,
      status: '1',
      lastSyncTime: str(now - s.lastSyncAgoS),
      scanners: s.scanners.map((scanner) => ({ id: str(scanner.id), name: scanner.name, description: '' })),
      workingScanners: s.scanners.filter((scanner) => scanner.isWorking).length,
      totalScanners: s.scanners.length,
      createdTime: str(s.createdTime),
      modifiedTime: str(s.modifiedTime),
    })),
    ctx.now(),
  );
}

/**
 * GET /rest/mgmt/zone: Director's Scan Zone has no `uuid` and takes no `sciID`; each zone names
 * its SCI, and a client filters by that.
 */
export function listZones(ctx: DirectorContext): SimResponse {
  return envelope(
    Array.from(ctx.store.zones.values(), (z) => ({
      id: str(z.id),
      name: z.name,
      description: z.description,
      ipList: z.ipList,
      SCI: sciRef(ctx.store, z.sciId),
    })),
    ctx.now(),
  );
}

/** GET /rest/mgmt/{policy|repository|asset}[?sciID=]: the scan form's pickers. */
export function listLookup<T extends LookupRecord>(
  ctx: DirectorContext,
  table: Table<T>,
  req: SimRequest,
  extra: (record: T) => Record<string, string> = () => ({}),
): SimResponse {
  const sciId = readFilter(req, bodyObject(req), 'sciID');
  const out: Record<string, unknown>[] = [];
  for (const record of table.values()) {
    if (sciId !== undefined && record.sciId !== sciId) continue;
    out.push({
      id: str(record.id),
      uuid: record.uuid,
      name: record.name,
      description: record.description,
      ...extra(record),
      SCI: sciRef(ctx.store, record.sciId),
    });
  }
  return envelope(out, ctx.now());
}
