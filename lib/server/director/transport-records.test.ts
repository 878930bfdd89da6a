import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { setTestEnv } from '@/lib/testing/bff';

// Counts the searches of an answer for its records that the transport makes (the 0.1–0.4 s of
// main thread per 100,000 users this spares); the search itself is the real one.
const searches = vi.hoisted(() => ({ count: 0 }));
vi.mock('../json-records', async (importActual) => {
  const actual = await importActual<typeof import('../json-records')>();
  return {
    ...actual,
    splitList: (text: string, key: string) => {
      searches.count += 1;
      return actual.splitList(text, key);
    },
  };
});

let body = '';
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
setTestEnv(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { DIRECTOR_TIMEOUT_MS: '1000' });
const { directorFetchRecords } = await import('./transport');

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const envelope = (response: unknown, timestamp: number, errorCode = 0) =>
  JSON.stringify({ type: 'regular', response, error_code: errorCode, error_msg: errorCode ? 'refused' : '', warnings: [], timestamp });
const users = [
  { id: '1', username: 'ada' },
  { id: '2', username: 'grace' },
];
const owners = { path: '/mgmt/user', query: { sciID: 1, fields: 'id,username' } };

describe('directorFetchRecords', () => {
  it('does not search an answer again when the same request brings the same records (the timestamp aside)', async () => {
    body = envelope(users, 1);
    const first = await directorFetchRecords(owners);
    expect(searches.count).toBe(1);
    expect(first.length).toBe(2);

    body = envelope(users, 2);
    // The same query in another order is the same request.
    const again = await directorFetchRecords({ ...owners, query: { fields: 'id,username', sciID: 1 } });
    expect(searches.count).toBe(1);
    expect(again.digest?.()).toBe(first.digest?.());
    // Still readable when someone needs the records after all.
    expect(again.length).toBe(2);
    expect(again.at(1)).toEqual(users[1]);

    body = envelope([...users, { id: '3', username: 'hedy' }], 3);
    const changed = await directorFetchRecords(owners);
    expect(searches.count).toBe(2);
    expect(changed.length).toBe(3);
    expect(changed.digest?.()).not.toBe(first.digest?.());

    // Another SCI's users are another request: judged on their own, even with the same bytes.
    await directorFetchRecords({ ...owners, query: { ...owners.query, sciID: 2 } });
    expect(searches.count).toBe(3);
  });

  it('judges every refusal anew: only an answer that was read and judged sound is remembered', async () => {
    const refused = { path: '/mgmt/scan', query: { fields: 'id' } };
    body = envelope([], 4, 143);
    await expect(directorFetchRecords(refused)).rejects.toMatchObject({ upstream: { code: '143' } });
    await expect(directorFetchRecords(refused)).rejects.toMatchObject({ upstream: { code: '143' } });
    const before = searches.count;
    body = envelope(users, 5);
    expect((await directorFetchRecords(refused)).length).toBe(2);
    expect(searches.count).toBe(before + 1);
  });
});
