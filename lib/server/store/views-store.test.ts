import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '@/lib/testing/postgres';
import { openPostgresViewsStore } from './postgres-views-store';
import { openSqliteViewsStore } from './sqlite-views-store';
import type { ViewsStore } from './views';
import { maxViewsPerPage, ViewNotFoundError, ViewsLimitError } from './views-bounds';

// The ViewsStore contract, run over every implementation: each backend opens two stores on one
// shared database (two instances of ScanDeck; for SQLite, two connections to one file), fresh for
// each test.
type Opened = ViewsStore & { close(): Promise<void> };
interface Backend {
  name: string;
  twoInstances(): Promise<[Opened, Opened]>;
}

let server: TestPostgres | undefined;
const opened: Opened[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await server?.dispose();
});

const postgres: Backend = {
  name: 'PostgreSQL',
  async twoInstances() {
    server ??= await startPostgres();
    const url = await server.createDatabase();
    const pair: [Opened, Opened] = [openPostgresViewsStore(url), openPostgresViewsStore(url)];
    opened.push(...pair);
    return pair;
  },
};

const sqlite: Backend = {
  name: 'SQLite',
  async twoInstances() {
    const file = join(mkdtempSync(join(tmpdir(), 'scandeck-views-')), 'views.sqlite');
    const open = (): Opened => {
      const { close, ...store } = openSqliteViewsStore(file);
      return { ...store, close: async () => close() };
    };
    const pair: [Opened, Opened] = [open(), open()];
    opened.push(...pair);
    return pair;
  },
};

describe.each([sqlite, postgres])('views store ($name)', (backend) => {
  it('saves a view under a name and upserts by that name, keeping its id and creation time', async () => {
    const [store] = await backend.twoInstances();
    expect(await store.list('ada', 'scans')).toEqual([]);
    const first = await store.save('ada', 'scans', 'nightly', { q: 'nightly', sort: 'name' });
    expect(first).toMatchObject({ user: 'ada', page: 'scans', name: 'nightly', state: { q: 'nightly', sort: 'name' }, isDefault: false });
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    const again = await store.save('ada', 'scans', 'nightly', { q: 'weekly' });
    expect(again).toMatchObject({ id: first.id, createdAt: first.createdAt, state: { q: 'weekly' } });
    expect(Date.parse(again.updatedAt)).toBeGreaterThanOrEqual(Date.parse(first.updatedAt));
    await store.save('ada', 'scans', 'all failed', { status: 'failed' });
    expect((await store.list('ada', 'scans')).map((v) => v.name)).toEqual(['all failed', 'nightly']);
  });

  it("keeps each user's views of each page apart, and removes only the user's own", async () => {
    const [store] = await backend.twoInstances();
    const mine = await store.save('ada', 'scans', 'mine', { q: 'a' });
    await store.save('ada', 'users', 'mine', { q: 'b' });
    await store.save('bob', 'scans', 'mine', { q: 'c' });
    expect((await store.list('ada', 'scans')).map((v) => v.state.q)).toEqual(['a']);
    expect((await store.list('bob', 'scans')).map((v) => v.state.q)).toEqual(['c']);
    expect(await store.remove('bob', mine.id)).toBe(false);
    expect(await store.list('ada', 'scans')).toHaveLength(1);
    expect(await store.remove('ada', mine.id)).toBe(true);
    expect(await store.remove('ada', mine.id)).toBe(false);
    expect(await store.list('ada', 'scans')).toEqual([]);
  });

  it('keeps one default per user and page: saving or choosing another moves it, null clears it', async () => {
    const [store] = await backend.twoInstances();
    const a = await store.save('ada', 'scans', 'a', {}, true);
    const b = await store.save('ada', 'scans', 'b', {}, true);
    const defaults = async () => (await store.list('ada', 'scans')).filter((v) => v.isDefault).map((v) => v.name);
    expect(await defaults()).toEqual(['b']);
    // Saving again without saying keeps the flag as it is.
    await store.save('ada', 'scans', 'b', { q: 'x' });
    expect(await defaults()).toEqual(['b']);
    await store.setDefault('ada', 'scans', a.id);
    expect(await defaults()).toEqual(['a']);
    // Another user's id, or a view of another page, is not found and changes nothing.
    const other = await store.save('bob', 'scans', 'z', {});
    const otherPage = await store.save('ada', 'users', 'u', {});
    await expect(store.setDefault('ada', 'scans', other.id)).rejects.toBeInstanceOf(ViewNotFoundError);
    await expect(store.setDefault('ada', 'scans', otherPage.id)).rejects.toBeInstanceOf(ViewNotFoundError);
    expect(await defaults()).toEqual(['a']);
    await store.setDefault('ada', 'scans', null);
    expect(await defaults()).toEqual([]);
    expect((await store.list('ada', 'scans')).find((v) => v.id === b.id)?.state).toEqual({ q: 'x' });
  });

  it(`refuses a new view past ${maxViewsPerPage} per page, while a save of an existing name still replaces it`, async () => {
    const [store] = await backend.twoInstances();
    for (let i = 0; i < maxViewsPerPage; i++) await store.save('ada', 'scans', `v${i}`, {});
    await expect(store.save('ada', 'scans', 'one more', {})).rejects.toBeInstanceOf(ViewsLimitError);
    await expect(store.save('ada', 'scans', 'v3', { q: 'kept' })).resolves.toMatchObject({ name: 'v3', state: { q: 'kept' } });
    await expect(store.save('ada', 'users', 'other page', {})).resolves.toMatchObject({ page: 'users' });
    expect(await store.list('ada', 'scans')).toHaveLength(maxViewsPerPage);
  });

  it('remembers column choices per user and page', async () => {
    const [store] = await backend.twoInstances();
    expect(await store.getColumns('ada', 'scans')).toBeNull();
    await store.setColumns('ada', 'scans', ['name', 'status']);
    await store.setColumns('ada', 'scans', ['status', 'owner', 'name']);
    expect(await store.getColumns('ada', 'scans')).toEqual(['status', 'owner', 'name']);
    expect(await store.getColumns('ada', 'users')).toBeNull();
    expect(await store.getColumns('bob', 'scans')).toBeNull();
  });

  it('two instances choosing defaults at once still leave exactly one', async () => {
    const [a, b] = await backend.twoInstances();
    const views = await Promise.all(Array.from({ length: 8 }, (_, i) => a.save('ada', 'scans', `v${i}`, {})));
    await Promise.all(views.flatMap((v, i) => [(i % 2 ? a : b).setDefault('ada', 'scans', v.id), (i % 2 ? b : a).save('ada', 'scans', `w${i}`, {}, true)]));
    expect((await b.list('ada', 'scans')).filter((v) => v.isDefault)).toHaveLength(1);
    // What one instance saved, the other lists.
    expect(await b.list('ada', 'scans')).toHaveLength(16);
  });
});

describe('views store (PostgreSQL) with PostgreSQL down', () => {
  it('refuses with 503 store_unavailable and serves again once it is back', async () => {
    const [store] = await postgres.twoInstances();
    await store.save('ada', 'scans', 'kept', { q: 'k' });
    await server!.stop();
    try {
      await expect(store.save('ada', 'scans', 'lost', {})).rejects.toMatchObject({ status: 503, code: 'store_unavailable' });
      await expect(store.list('ada', 'scans')).rejects.toMatchObject({ status: 503, code: 'store_unavailable' });
    } finally {
      await server!.start();
    }
    expect((await store.list('ada', 'scans')).map((v) => v.name)).toEqual(['kept']);
  });
});
