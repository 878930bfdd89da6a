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
/** The console's pages; the login page and Next's own error pages are not held to the budget. */
const isConsoleRoute = (appPath) => appPath.startsWith('/(console)/');

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
  console.log(`first-load JS per route, gzip (budget for console routes: ${budgetKB} KB)`);
  console.log('| route | files | gzip KB |\n|---|---|---|');
  for (const row of rows) console.log(`| ${row.route} | ${row.files.length} | ${kb(row.gzipBytes)}${row.isConsole && row.gzipBytes > budgetKB * 1024 ? ' (over budget)' : ''} |`);
  const over = rows.filter((r) => r.isConsole && r.gzipBytes > budgetKB * 1024);
  if (isCheck && over.length > 0) {
    console.error(`\n${over.length} console route(s) over the ${budgetKB} KB first-load budget: ${over.map((r) => `${r.route} ${kb(r.gzipBytes)} KB`).join(', ')}`);
    process.exit(1);
  }
}
