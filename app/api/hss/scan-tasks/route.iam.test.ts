import { describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '@/lib/schemas/common';
import type { ListScanTasksResponse } from '@/lib/schemas/scan-task';
import { getJson } from '@/lib/testing/bff';
import { hssTestSetup } from '@/lib/testing/hss';

// IAM token mode: no AK/SK in the environment, so the client must fetch and reuse a token.
const { sim, viewer } = await hssTestSetup('iam');
const list = await import('./route');
const { clearScanTaskCache } = await import('@/lib/server/hss/scan-tasks');

const getList = (query: string) => getJson<ListScanTasksResponse & ErrorEnvelope>(list.GET, `/api/hss/scan-tasks?${query}`, viewer);

describe('HSS in IAM token mode', () => {
  it('fetches one token for many concurrent first callers and reuses it', async () => {
    const before = sim.iam.tokensIssued;
    const answers = await Promise.all(['page=1', 'page=2', 'page=3', 'page=4', 'scanType=manual'].map(getList));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(sim.iam.tokensIssued - before).toBe(1);
    clearScanTaskCache();
    expect((await getList('page=1')).status).toBe(200);
    expect(sim.iam.tokensIssued - before).toBe(1);
  });

  it('replaces an expired token once and retries the call', async () => {
    await getList('page=1');
    const before = sim.iam.tokensIssued;
    sim.iam.expireAll();
    clearScanTaskCache();
    sim.hss.resetRequestCounts();
    const res = await getList('page=1');
    expect(res.status).toBe(200);
    expect(sim.iam.tokensIssued - before).toBe(1);
    expect(sim.hss.requestCounts()['scan-tasks']).toBe(2);
  });

  it('replaces the token once for each documented expiry answer, and not for a signature refusal', async () => {
    const answers = [
      { error_code: 'APIG.0301', error_msg: 'Incorrect IAM authentication information: token expires.' },
      { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: Token expires' },
      { error_code: 'APIGW.0307', error_msg: 'The token must be updated.' },
    ];
    for (const [i, body] of answers.entries()) {
      clearScanTaskCache();
      sim.failNext({ pathPrefix: '/v5/', response: { status: 401, headers: { 'X-Request-Id': `req-exp-${i}` }, body } });
      const before = sim.iam.tokensIssued;
      const res = await getList(`page=${i + 6}`);
      expect(res.status, body.error_code).toBe(200);
      expect(sim.iam.tokensIssued - before, body.error_code).toBe(1);
    }
    const signature = { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: verify aksk signature fail' };
    clearScanTaskCache();
    sim.failNext({ pathPrefix: '/v5/', response: { status: 401, headers: { 'X-Request-Id': 'req-sig' }, body: signature } });
    const before = sim.iam.tokensIssued;
    const refused = await getList('page=9');
    expect(refused.status).toBe(502);
    expect(sim.iam.tokensIssued - before).toBe(0);
  });

  it('does not retry an invalid-token refusal', async () => {
    const refusal = { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: the token is invalid.' };
    sim.failNext({ pathPrefix: '/v5/', times: 2, response: { status: 401, headers: { 'X-Request-Id': 'req-iam-1' }, body: refusal } });
    const res = await getList('page=2');
    expect(res.status).toBe(502);
    expect(res.body.error.upstream).toMatchObject({ vendor: 'hss', code: 'APIGW.0301', requestId: 'req-iam-1' });
    clearScanTaskCache();
    expect((await getList('page=2')).status).toBe(502);
    clearScanTaskCache();
    expect((await getList('page=2')).status).toBe(200);
  });

  it('names IAM, its status and request id when IAM refuses the password', async () => {
    sim.iam.expireAll();
    sim.failNext({
      pathPrefix: '/v3/auth/tokens',
      response: { status: 401, headers: { 'X-Request-Id': 'req-iam-401' }, body: { error: { code: 401, message: 'The username or password is wrong.' } } },
    });
    // The held token is still considered fresh by the client, so force a refresh through HSS's expiry answer.
    const res = await getList('page=5');
    expect(res.status).toBe(502);
    expect(res.body.error.upstream).toEqual({
      vendor: 'iam',
      status: 401,
      code: '401',
      message: 'The username or password is wrong.',
      requestId: 'req-iam-401',
    });
    expect(JSON.stringify(res.body)).not.toContain('iam-test-password');
  });
});
