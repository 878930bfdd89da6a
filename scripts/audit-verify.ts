// Checks the audit trail's hash chain and names the first entry that breaks it. Read-only.
// Usage: npm run audit:verify -- [--data-dir DIR | --file DIR/audit.sqlite | --database-url postgres://…]
// Default: the PostgreSQL trail when DATABASE_URL is set (as the server uses it), else .data/audit.sqlite.
// Exit code: 0 the chain holds, 1 it is broken, 2 the trail could not be read.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyPostgresAudit } from '@/lib/server/audit/postgres-store';
import { verifyAuditFile } from '@/lib/server/audit/store';
import type { ChainReport } from '@/lib/server/audit/chain';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, file: { type: 'string' }, 'database-url': { type: 'string' } } });
  const isFileAsked = values.file !== undefined || values['data-dir'] !== undefined;
  const databaseUrl = values['database-url'] ?? (isFileAsked ? undefined : process.env.DATABASE_URL?.trim() || undefined);
  let report: ChainReport;
  if (databaseUrl) {
    const checked = await verifyPostgresAudit(databaseUrl);
    console.log(`audit:verify: the trail in ${checked.location}`);
    report = checked.report;
  } else {
    const file = resolve(values.file ?? join(values['data-dir'] ?? '.data', 'audit.sqlite'));
    if (!existsSync(file)) {
      console.error(`audit:verify: no audit trail at ${file}`);
      return 2;
    }
    report = await verifyAuditFile(file);
  }
  const upTo = report.verifiedUpTo ? `#${report.verifiedUpTo.id} (${report.verifiedUpTo.time}, hash ${report.verifiedUpTo.hash})` : 'the start';
  const unsealed = report.unsealed ? `; ${report.unsealed} newer entries not sealed yet (a change awaiting its answer or this minute's counted refusals)` : '';
  if (report.isIntact) {
    console.log(`audit chain verified: ${report.checked} entries, up to ${upTo}${unsealed}`);
    return 0;
  }
  const broken = report.firstBroken!;
  console.error(`audit chain BROKEN at ${broken.id === null ? `chain position ${broken.position}` : `entry #${broken.id}`}: ${broken.reason}`);
  console.error(`verified before it: ${report.checked} entries, up to ${upTo}`);
  return 1;
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(`audit:verify: could not read the trail: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
}
