import { describe, expect, it } from 'vitest';
import { createDirector, type DirectorOptions } from './index';
import { FIXED_NOW } from './testing';

const options = (overrides: Partial<DirectorOptions> = {}): DirectorOptions => ({
  accessKey: 'a',
  secretKey: 's',
  seed: 1,
  size: 'demo',
  now: () => FIXED_NOW,
  ...overrides,
});

const snapshot = (sim: ReturnType<typeof createDirector>) =>
  JSON.stringify({
    scis: [...sim.store.scis.values()],
    organizations: [...sim.store.organizations.values()],
    users: [...sim.store.users.values()],
    scans: [...sim.store.scans.values()],
    policies: [...sim.store.policies.values()],
  });

describe('seeded Director data', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = snapshot(createDirector(options()));
    expect(snapshot(createDirector(options()))).toBe(a);
    expect(snapshot(createDirector(options({ seed: 2 })))).not.toBe(a);
  });

  it('takes created and modified times from now()', () => {
    const nowS = Math.floor(FIXED_NOW / 1000);
    const sim = createDirector(options());
    for (const scan of sim.store.scans.values()) {
      expect(scan.createdTime).toBeLessThan(nowS);
      expect(scan.modifiedTime).toBeGreaterThanOrEqual(scan.createdTime);
      expect(scan.modifiedTime).toBeLessThanOrEqual(nowS);
    }
  });

  it('gives the demo a realistic estate', () => {
    const sim = createDirector(options());
    const counts = sim.counts();
    expect(counts).toMatchObject({ scis: 4, users: 150, scans: 120 });
    const orgsPerSci = new Map<number, number>();
    for (const org of sim.store.organizations.values()) orgsPerSci.set(org.sciId, (orgsPerSci.get(org.sciId) ?? 0) + 1);
    for (const n of orgsPerSci.values()) expect(n).toBeGreaterThanOrEqual(3);
    for (const n of orgsPerSci.values()) expect(n).toBeLessThanOrEqual(5);

    const users = [...sim.store.users.values()];
    for (const sci of sim.store.scis.values()) {
      expect(users.some((u) => u.sciId === sci.id && u.orgId === 0)).toBe(true);
      expect(users.filter((u) => u.sciId === sci.id).map((u) => u.username)).toEqual([
        ...new Set(users.filter((u) => u.sciId === sci.id).map((u) => u.username)),
      ]);
    }
    for (const org of sim.store.organizations.values()) {
      expect(users.some((u) => u.orgId === org.id && u.securityManager)).toBe(true);
    }
    for (const u of users.filter((u) => u.orgId !== 0)) expect(u.email).toMatch(/^[a-z0-9.]+@[a-z.]+$/);

    const scans = [...sim.store.scans.values()];
    expect(new Set(scans.map((s) => s.name)).size).toBe(scans.length);
    expect(new Set(scans.map((s) => s.schedule.type)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(scans.map((s) => s.type))).toEqual(new Set(['policy', 'plugin']));
    for (const scan of scans) {
      const owner = sim.store.users.byUuid.get(scan.ownerUuid);
      expect(owner?.sciId).toBe(scan.sciId);
      expect(owner?.orgId).toBe(scan.orgId);
      expect(sim.store.repositories.byUuid.get(scan.repositoryUuid)?.sciId).toBe(scan.sciId);
      if (scan.type === 'policy') expect(sim.store.policies.byUuid.get(scan.policyUuid)?.sciId).toBe(scan.sciId);
    }
  });

  it('takes exact user and scan counts', () => {
    expect(createDirector(options({ size: { users: 500, scans: 40 } })).counts()).toMatchObject({ users: 500, scans: 40 });
    expect(createDirector(options({ size: { users: 3, scans: 0 } })).counts()).toMatchObject({ users: 3, scans: 0 });
  });

  it('seeds the bench size and lists 20,000 scans', async () => {
    const sim = createDirector(options({ size: 'bench' }));
    expect(sim.counts()).toMatchObject({ users: 100_000, scans: 20_000 });
    const started = performance.now();
    const answer = await sim.handle({
      method: 'GET',
      path: '/rest/mgmt/scan',
      rawPath: '/rest/mgmt/scan',
      query: new URLSearchParams('fields=name,SCI,organization,owner'),
      rawQuery: 'fields=name,SCI,organization,owner',
      headers: { 'x-apikey': 'accesskey=a; secretkey=s' },
      body: Buffer.alloc(0),
    });
    const listMs = performance.now() - started;
    const body = answer?.body as { response: unknown[] };
    expect(body.response).toHaveLength(20_000);
    // Timings are printed for the record, not asserted: shared CI machines vary too much.
    console.log(`director bench: seeded in ${sim.seedMs.toFixed(0)} ms, 20,000-scan list in ${listMs.toFixed(0)} ms`);
  });
});
