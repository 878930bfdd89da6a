import { mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Import cycles under app/, components/ and lib/. Every static import and re-export counts, type-only
 * ones too (a cycle of types still ties the modules' meaning together, and the next value import along
 * it makes load order matter); `import()` does not, since it runs after both modules have loaded.
 */
const scanned = ['app', 'components', 'lib'];

function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(path);
    }
  };
  for (const top of scanned) {
    const dir = join(root, top);
    if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) walk(dir);
  }
  return files;
}

function resolveImport(root: string, from: string, specifier: string): string | undefined {
  const base = specifier.startsWith('@/') ? join(root, specifier.slice(2)) : specifier.startsWith('.') ? resolve(dirname(from), specifier) : undefined;
  if (base === undefined) return undefined;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  return undefined;
}

/** Each file's imports of files of this tree (packages are left out). */
function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    const targets = new Set<string>();
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      const specifier = statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier)) continue;
      const target = resolveImport(root, file, specifier.text);
      if (target) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** The cycles as strongly connected groups of two or more files (Tarjan), each as a readable path. */
function importCycles(root: string): string[] {
  const graph = importGraph(root);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1) groups.push(group);
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return groups.map((group) => group.map((file) => relative(root, file)).join(' → '));
}

describe('import cycles', () => {
  it('finds a cycle, type-only imports and re-exports included, and not through import()', () => {
    const root = mkdtempSync(join(tmpdir(), 'scandeck-cycles-'));
    mkdirSync(join(root, 'lib', 'server'), { recursive: true });
    const write = (path: string, text: string) => writeFileSync(join(root, path), text);
    write('lib/server/recorder.ts', "import { context } from '../context';\nexport const record = () => context;\n");
    write('lib/context.ts', "import type { Session } from '@/lib/server/session';\nexport const context = {} as { session?: Session };\n");
    write('lib/server/session.ts', "export * from './auth';\nexport type Session = { name: string };\n");
    write('lib/server/auth.ts', "import { record } from './recorder';\nexport const signIn = () => record();\n");
    write('lib/lazy.ts', "import { later } from './later';\nexport const now = () => later;\n");
    write('lib/later.ts', "export const later = () => import('./lazy');\n");
    expect(importCycles(root)).toEqual([expect.stringMatching(/^(?=.*recorder\.ts)(?=.*context\.ts)(?=.*session\.ts)(?=.*auth\.ts)/)]);
  });

  it('none under app/, components/ and lib/', () => {
    const root = resolve(import.meta.dirname, '..');
    // The walk must really see the tree: the route wrapper imports the request audit.
    expect(importGraph(root).get(join(root, 'lib/server/route.ts'))).toContain(join(root, 'lib/server/audit/recorder.ts'));
    expect(importCycles(root)).toEqual([]);
    // Parsing some four hundred files is slow on a loaded machine; nothing here is timed.
  }, 180_000);
});
