import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteViewsStore } from './sqlite-views-store';
import { maxViewsPerPage, ViewNotFoundError, ViewsLimitError } from './views-bounds';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'scandeck-views-')), 'views.sqlite');

describe('SQLite views store', () => {
  it('saves views per user and page, replacing one of the same name, and keeps them across a restart', async () => {
    const file = fresh();
    const store = openSqliteViewsStore(file);
    const weekly = await store.save('ada', 'scans', 'Weekly', { sort: 'name', order: 'desc' });
    await store.save('ada', 'scans', 'East', { sciId: '2' });
    await store.save('ada', 'users', 'Admins', { orgId: '0' });
    await store.save('vic', 'scans', 'Weekly', { q: 'web' });
    const replaced = await store.save('ada', 'scans', 'Weekly', { sort: 'status', order: 'asc' });
    expect(replaced.id).toBe(weekly.id);
    expect(replaced.createdAt).toBe(weekly.createdAt);
    expect((await store.list('ada', 'scans')).map((v) => [v.name, v.state])).toEqual([
      ['East', { sciId: '2' }],
      ['Weekly', { sort: 'status', order: 'asc' }],
    ]);
    store.close();

    const reopened = openSqliteViewsStore(file);
    expect((await reopened.list('ada', 'scans')).map((v) => v.name)).toEqual(['East', 'Weekly']);
    expect((await reopened.list('vic', 'scans')).map((v) => v.state)).toEqual([{ q: 'web' }]);
    reopened.close();
  });

  it('keeps one default per user and page, and only the owner can change or delete a view', async () => {
    const store = openSqliteViewsStore(fresh());
    const a = await store.save('ada', 'scans', 'A', {}, true);
    const b = await store.save('ada', 'scans', 'B', {});
    const other = await store.save('ada', 'users', 'U', {}, true);
    await store.setDefault('ada', 'scans', b.id);
    expect((await store.list('ada', 'scans')).map((v) => [v.name, v.isDefault])).toEqual([
      ['A', false],
      ['B', true],
    ]);
    expect((await store.list('ada', 'users'))[0]?.isDefault).toBe(true);
    await store.save('ada', 'scans', 'A', { q: 'x' }, true);
    expect((await store.list('ada', 'scans')).filter((v) => v.isDefault).map((v) => v.id)).toEqual([a.id]);
    await store.setDefault('ada', 'scans', null);
    expect((await store.list('ada', 'scans')).some((v) => v.isDefault)).toBe(false);

    // Another user's id, or a view of another page, is not found; nothing changes.
    await expect(store.setDefault('vic', 'scans', a.id)).rejects.toBeInstanceOf(ViewNotFoundError);
    await expect(store.setDefault('ada', 'scans', other.id)).rejects.toBeInstanceOf(ViewNotFoundError);
    expect(await store.remove('vic', a.id)).toBe(false);
    expect(await store.remove('ada', a.id)).toBe(true);
    expect(await store.remove('ada', a.id)).toBe(false);
    expect((await store.list('ada', 'scans')).map((v) => v.name)).toEqual(['B']);
    store.close();
  });

  it(`refuses a new view past ${maxViewsPerPage} per page, while a save of an existing name still replaces it`, async () => {
    const store = openSqliteViewsStore(fresh());
    for (let i = 0; i < maxViewsPerPage; i++) await store.save('ada', 'scans', `v${i}`, {});
    await expect(store.save('ada', 'scans', 'one more', {})).rejects.toBeInstanceOf(ViewsLimitError);
    await expect(store.save('ada', 'scans', 'v3', { q: 'kept' })).resolves.toMatchObject({ name: 'v3', state: { q: 'kept' } });
    await expect(store.save('ada', 'users', 'other page', {})).resolves.toMatchObject({ page: 'users' });
    await expect(store.save('vic', 'scans', 'other user', {})).resolves.toMatchObject({ user: 'vic' });
    expect(await store.list('ada', 'scans')).toHaveLength(maxViewsPerPage);
    store.close();
  });

  it('keeps column choices per user and page', async () => {
    const store = openSqliteViewsStore(fresh());
    expect(await store.getColumns('ada', 'scans')).toBeNull();
    await store.setColumns('ada', 'scans', ['status', 'sci']);
    await store.setColumns('ada', 'scans', ['sci', 'owner']);
    await store.setColumns('vic', 'scans', ['status']);
    expect(await store.getColumns('ada', 'scans')).toEqual(['sci', 'owner']);
    expect(await store.getColumns('vic', 'scans')).toEqual(['status']);
    expect(await store.getColumns('ada', 'users')).toBeNull();
    store.close();
  });
});
