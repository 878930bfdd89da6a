import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiRequest, context, sessionCookie, setTestEnv } from '@/lib/testing/bff';

setTestEnv('http://127.0.0.1:9', { AUDIT_RETENTION_DAYS: '30' });
const { getAuditStore } = await import('./trail');
const { route } = await import('../route');

const day = 86_400_000;
const entry = (atMs: number, id: string) => ({
  atMs,
  username: 'ada',
  role: 'admin' as const,
  action: 'DELETE /api/director/scans/{id}',
  target: { id },
  outcome: 'success' as const,
  status: 204,
  errorCode: null,
  upstreamCode: null,
  requestIds: [],
  address: '127.0.0.1',
});

describe('audit retention', () => {
  it('drops entries older than AUDIT_RETENTION_DAYS once a day, on the way to a write, and records the pruning', async () => {
    const store = getAuditStore();
    const now = Date.now();
    await store.append(entry(now - 45 * day, 'old'));
    await store.append(entry(now - 10 * day, 'recent'));
    const mutate = route({ role: 'admin', body: z.object({ name: z.string() }) }, () => ({ name: 'x' }));
    const admin = await sessionCookie('ada', 'admin');
    const write = () => mutate(apiRequest('/api/x', { method: 'POST', cookie: admin, body: { name: 'x' } }), context());
    expect((await write()).status).toBe(200);
    const all = async () => (await store.list({ page: 1, pageSize: 100, order: 'asc' })).items;
    const after = await all();
    expect(after.some((e) => e.target.id === 'old')).toBe(false);
    expect(after.some((e) => e.target.id === 'recent')).toBe(true);
    const pruning = after.filter((e) => e.action === 'audit retention');
    expect(pruning).toHaveLength(1);
    expect(pruning[0]!.target).toMatchObject({ removed: '1' });
    // The same day again: no second pruning.
    expect((await write()).status).toBe(200);
    expect((await all()).filter((e) => e.action === 'audit retention')).toHaveLength(1);
    expect(await store.verify()).toMatchObject({ isIntact: true, firstBroken: null });
  });
});
