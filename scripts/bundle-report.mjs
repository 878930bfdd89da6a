// `npm run bundle-report`: first-load JavaScript per page route of the production build, gzipped,
// computed from the build's own manifests (Next 16 no longer prints per-route sizes). A route's first
// load is the root main files plus every chunk its layouts, page and boundaries need, each counted
// once. With `--check` it exits 1 when a console route is over its budget: a size is deterministic,
// unlike a time, so `npm test` runs this check after the build.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { runInNewContext } from 'node:vm';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** KB = 1024 bytes, gzip at its default level (what a server sends with `Content-Encoding: gzip`). */
export const budgetKB = 180;
/**
 * Console pages that hold a form checked with the shared zod schemas, or (security managers, whose
 * per-SCI rework is under way elsewhere) still parse with them: the schema library is part of what
 * they load, so they get a looser budget that still catches growth.
 */
export const formBudgetKB = 230;
const formRoutes = new Set([
  '/scans/new',
  '/organizations/[orgId]',
  '/organizations/[orgId]/security-managers',
  '/organizations/[orgId]/security-managers/[id]',
  '/organizations/[orgId]/security-managers/[id]/edit',
  '/organizations/[orgId]/security-managers/new',
]);
/** The console's pages; the login page and Next's own error pages are not held to a budget. */
const isConsoleRoute = (appPath) => appPath.startsWith('/(console)/');
const budgetOf = (route) => (formRoutes.has(route) ? formBudgetKB : budgetKB);

/** One row per page route: its first-load files and their gzipped size in bytes. */
export function bundleReport(dir = join(root, '.next')) {
  const build = JSON.parse(readFileSync(join(dir, 'build-manifest.json'), 'utf8'));
  const routes = JSON.parse(readFileSync(join(dir, 'app-path-routes-manifest.json'), 'utf8'));
  const sizes = new Map();
  const gzipped = (file) => {
    if (!sizes.has(file)) sizes.set(file, gzipSync(readFileSync(join(dir, file))).length);
    return sizes.get(file);
  };
  const rows = [];
  for (const [appPath, route] of Object.entries(routes)) {
    if (!appPath.endsWith('/page')) continue;
    const manifestFile = join(dir, 'server', 'app', `${appPath}_client-reference-manifest.js`);
    if (!existsSync(manifestFile)) continue;
    const sandbox = { globalThis: {} };
    sandbox.globalThis = sandbox;
    runInNewContext(readFileSync(manifestFile, 'utf8'), sandbox);
    const manifest = sandbox.__RSC_MANIFEST?.[appPath];
    if (!manifest) continue;
    const files = new Set(build.rootMainFiles);
    for (const chunks of Object.values(manifest.entryJSFiles ?? {})) for (const chunk of chunks) files.add(chunk);
    const jsFiles = [...files].filter((f) => f.endsWith('.js'));
    rows.push({
      route,
      appPath,
      isConsole: isConsoleRoute(appPath),
      budgetKB: isConsoleRoute(appPath) ? budgetOf(route) : undefined,
      files: jsFiles,
      gzipBytes: jsFiles.reduce((sum, f) => sum + gzipped(f), 0),
    });
  }
  return rows.sort((a, b) => a.route.localeCompare(b.route));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const isCheck = process.argv.includes('--check');
  const dir = join(root, '.next');
  if (!existsSync(join(dir, 'build-manifest.json'))) {
    console.error('No production build in .next: run `npm run build` first.');
    process.exit(1);
  }
  const rows = bundleReport(dir);
  const kb = (bytes) => (bytes / 1024).toFixed(1);
  const isOver = (row) => row.budgetKB !== undefined && row.gzipBytes > row.budgetKB * 1024;
  console.log(`first-load JS per route, gzip, KB = 1024 bytes (budget: ${budgetKB} KB per console page, ${formBudgetKB} KB for form pages)`);
  console.log('| route | files | gzip KB | budget KB |\n|---|---|---|---|');
  for (const row of rows) {
    console.log(`| ${row.route} | ${row.files.length} | ${kb(row.gzipBytes)} | ${row.budgetKB ?? '–'}${isOver(row) ? ' (over)' : ''} |`);
  }
  const over = rows.filter(isOver);
  if (isCheck && over.length > 0) {
    console.error(`\n${over.length} console route(s) over their first-load budget: ${over.map((r) => `${r.route} ${kb(r.gzipBytes)} KB > ${r.budgetKB} KB`).join(', ')}`);
    process.exit(1);
  }
}
