import type { SimRequest, SimResponse } from '../http';
import { sciRef, type DirectorContext } from './refs';
import { bodyObject, envelope, readFilter, str } from './tenable';
import type { LookupRecord, Table } from './types';

/** GET /rest/sci: not in the documents, needed by the scan form; every field always answered. */
export function listScis(ctx: DirectorContext): SimResponse {
  return envelope(
    Array.from(ctx.store.scis.values(), (s) => ({
      id: str(s.id),
      uuid: s.uuid,
      name: s.name,
      description: s.description,
      version: s.version,
      status: '0',
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
