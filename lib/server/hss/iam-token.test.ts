import { afterAll, describe, expect, it } from 'vitest';
import { setTestEnv } from '@/lib/testing/bff';
import { hssEnv, hssTest, startHssSimulator } from '@/lib/testing/hss';

const sim = await startHssSimulator();
// IAM calls go through the shared upstream layer, which reads its settings from the environment.
setTestEnv(sim.url, hssEnv(sim, 'iam'));
const { createTokenSource } = await import('./iam-token');
afterAll(() => sim.close());

const auth = { mode: 'iam' as const, endpoint: sim.url, ...hssTest.iam };

describe('IAM token source', () => {
  it('shares one IAM call among concurrent callers and keeps the token', async () => {
    const tokens = createTokenSource({ auth, timeoutMs: 2_000 });
    const before = sim.iam.tokensIssued;
    const got = await Promise.all(Array.from({ length: 25 }, () => tokens.get()));
    expect(new Set(got).size).toBe(1);
    expect(sim.iam.checkToken(got[0]!)).toBe('valid');
    expect(await tokens.get()).toBe(got[0]);
    expect(sim.iam.tokensIssued - before).toBe(1);
  });

  it('refreshes shortly before expiry, and after invalidate only once for many callers', async () => {
    let clock = Date.now();
    const tokens = createTokenSource({ auth, timeoutMs: 2_000, now: () => clock, refreshMarginMs: 10 * 60_000 });
    const first = await tokens.get();
    const before = sim.iam.tokensIssued;
    clock += 23 * 60 * 60_000;
    expect(await tokens.get()).toBe(first);
    clock += 55 * 60_000;
    const second = await tokens.get();
    expect(second).not.toBe(first);
    tokens.invalidate(first);
    expect(await tokens.get()).toBe(second);
    tokens.invalidate(second);
    const third = await Promise.all(Array.from({ length: 10 }, () => tokens.get()));
    expect(new Set(third).size).toBe(1);
    expect(sim.iam.tokensIssued - before).toBe(2);
  });

  it('reports a wrong password as an IAM refusal without the password', async () => {
    const tokens = createTokenSource({ auth: { ...auth, password: 'wrong-password-xyz' }, timeoutMs: 2_000 });
    const error = await tokens.get().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, upstream: { vendor: 'iam', status: 401 } });
    expect(JSON.stringify(error)).not.toContain('wrong-password-xyz');
  });
});
