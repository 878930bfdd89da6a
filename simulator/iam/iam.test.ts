import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../server';

const START = Date.UTC(2025, 10, 1, 12, 0, 0);
let clock = START;
let sim: Simulator;

const credentials = { domain: 'acme', username: 'scandeck', password: 'correct horse', projectName: 'cn-north-4', projectId: 'p0123456789abcdef' };

function tokenBody(overrides: { name?: string; password?: string; domain?: string; project?: { name: string } | { id: string } } = {}) {
  return {
    auth: {
      identity: {
        methods: ['password'],
        password: {
          user: {
            name: overrides.name ?? credentials.username,
            password: overrides.password ?? credentials.password,
            domain: { name: overrides.domain ?? credentials.domain },
          },
        },
      },
      scope: { project: overrides.project ?? { name: credentials.projectName } },
    },
  };
}

function postTokens(body: unknown): Promise<Response> {
  return fetch(`${sim.url}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    now: () => clock,
    director: { accessKey: 'dak', secretKey: 'dsk' },
    hss: { projectId: credentials.projectId, ak: 'ak', sk: 'sk' },
    iam: { ...credentials, tokenTtlMs: 60 * 60 * 1000 },
  });
});

afterAll(async () => {
  await sim.close();
});

describe('IAM POST /v3/auth/tokens', () => {
  it('issues a token in X-Subject-Token for the right password, scoped by project name or id', async () => {
    const before = sim.iam.tokensIssued;
    const res = await postTokens(tokenBody());
    expect(res.status).toBe(201);
    const token = res.headers.get('x-subject-token');
    expect(token).toMatch(/^MII[\w-]{40,}$/);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    const body = (await res.json()) as { token: Record<string, unknown> };
    expect(body.token).toMatchObject({
      issued_at: new Date(START).toISOString(),
      expires_at: new Date(START + 60 * 60 * 1000).toISOString(),
      methods: ['password'],
      project: { id: credentials.projectId, name: credentials.projectName, domain: { name: 'acme' } },
      user: { name: 'scandeck', domain: { name: 'acme' } },
      catalog: [],
    });
    expect(JSON.stringify(body)).not.toContain(credentials.password);
    expect(sim.iam.checkToken(token ?? '')).toBe('valid');

    const byId = await postTokens(tokenBody({ project: { id: credentials.projectId } }));
    expect(byId.status).toBe(201);
    expect(byId.headers.get('x-subject-token')).not.toBe(token);
    expect(sim.iam.tokensIssued).toBe(before + 2);
  });

  it('refuses wrong credentials with the IAM error body', async () => {
    const before = sim.iam.tokensIssued;
    for (const wrong of [
      tokenBody({ password: 'nope' }),
      tokenBody({ name: 'eve' }),
      tokenBody({ domain: 'other' }),
      tokenBody({ project: { name: 'elsewhere' } }),
    ]) {
      const res = await postTokens(wrong);
      expect(res.status).toBe(401);
      expect(res.headers.get('x-subject-token')).toBeNull();
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
      const body = (await res.json()) as { error: { code: number; title: string; message: string } };
      expect(body.error.code).toBe(401);
      expect(body.error.title).toBe('Unauthorized');
      expect(body.error.message.length).toBeGreaterThan(0);
    }
    expect(sim.iam.tokensIssued).toBe(before);
  });

  it('answers 400 to a malformed body', async () => {
    for (const bad of ['{not json', '', { auth: { identity: { methods: ['token'] } } }]) {
      const res = await postTokens(bad);
      expect(res.status).toBe(400);
      expect(res.headers.get('x-request-id')).toBeTruthy();
      const body = (await res.json()) as { error: { code: number } };
      expect(body.error.code).toBe(400);
    }
  });

  it('answers other methods and paths with an error and a request id', async () => {
    const get = await fetch(`${sim.url}/v3/auth/tokens`);
    expect(get.status).toBe(405);
    expect(get.headers.get('x-request-id')).toBeTruthy();
    const other = await fetch(`${sim.url}/v3/projects`);
    expect(other.status).toBe(404);
  });
});

describe('IAM checkToken', () => {
  it('tells valid, expired and invalid tokens apart by the clock', async () => {
    clock = START;
    const res = await postTokens(tokenBody());
    const token = res.headers.get('x-subject-token') ?? '';
    expect(sim.iam.checkToken(token)).toBe('valid');
    expect(sim.iam.checkToken('MIInot-a-token')).toBe('invalid');
    clock = START + 60 * 60 * 1000 - 1;
    expect(sim.iam.checkToken(token)).toBe('valid');
    clock = START + 60 * 60 * 1000;
    expect(sim.iam.checkToken(token)).toBe('expired');
    clock = START;
  });

  it('expireAll expires every issued token', async () => {
    clock = START;
    const a = (await postTokens(tokenBody())).headers.get('x-subject-token') ?? '';
    const b = (await postTokens(tokenBody())).headers.get('x-subject-token') ?? '';
    sim.iam.expireAll();
    expect(sim.iam.checkToken(a)).toBe('expired');
    expect(sim.iam.checkToken(b)).toBe('expired');
    const fresh = (await postTokens(tokenBody())).headers.get('x-subject-token') ?? '';
    expect(sim.iam.checkToken(fresh)).toBe('valid');
  });
});
