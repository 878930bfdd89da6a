import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeConfig, parseEnv } from './env';

const good = {
  DIRECTOR_URL: 'https://director.example.test:8443/',
  DIRECTOR_ACCESS_KEY: 'ak-director-0123',
  DIRECTOR_SECRET_KEY: 'sk-director-secret-4567',
  DASHBOARD_USERS_FILE: '/tmp/users.json',
  AUTH_SECRET: 'x'.repeat(32),
  NEXTAUTH_URL: 'http://localhost:3000',
};

function problemsOf(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected parseEnv to throw');
}

describe('parseEnv', () => {
  it('refuses a production start without NEXTAUTH_URL (missing or empty), naming it', () => {
    for (const url of [undefined, '', '   ']) {
      expect(problemsOf({ ...good, NODE_ENV: 'production', NEXTAUTH_URL: url })).toMatch(/- NEXTAUTH_URL: required in production/);
    }
    expect(parseEnv({ ...good, NODE_ENV: 'production' }).auth.url).toBe('http://localhost:3000');
    // Development and tests may still let next-auth guess it.
    expect(parseEnv({ ...good, NODE_ENV: 'development', NEXTAUTH_URL: undefined }).auth.url).toBeUndefined();
  });

  it('keeps the audit trail 400 days unless AUDIT_RETENTION_DAYS says otherwise', () => {
    expect(parseEnv(good).audit.retentionDays).toBe(400);
    expect(parseEnv({ ...good, AUDIT_RETENTION_DAYS: '30' }).audit.retentionDays).toBe(30);
    expect(problemsOf({ ...good, AUDIT_RETENTION_DAYS: '0' })).toMatch(/AUDIT_RETENTION_DAYS/);
  });

  it('accepts a minimal Director-only configuration with defaults', () => {
    const env = parseEnv(good);
    expect(env.director).toEqual({
      url: 'https://director.example.test:8443',
      accessKey: 'ak-director-0123',
      secretKey: 'sk-director-secret-4567',
      timeoutMs: 15_000,
      cacheTtlMs: 15_000,
      ownersTtlMs: 300_000,
    });
    expect(env.auth.sessionMaxAgeS).toBe(8 * 3600);
    expect(env.hss).toBeUndefined();
  });

  it('keeps owners for the maximum age of a list unless told, never longer', () => {
    expect(parseEnv({ ...good, DIRECTOR_CACHE_TTL_MS: '1000' }).director.ownersTtlMs).toBe(300_000);
    expect(parseEnv({ ...good, DIRECTOR_CACHE_MAX_AGE_MS: '200000' }).director.ownersTtlMs).toBe(200_000);
    expect(parseEnv({ ...good, DIRECTOR_OWNERS_TTL_MS: '5000' }).director.ownersTtlMs).toBe(5_000);
    expect(parseEnv({ ...good, DIRECTOR_OWNERS_TTL_MS: '900000' }).director.ownersTtlMs).toBe(300_000);
    expect(problemsOf({ ...good, DIRECTOR_OWNERS_TTL_MS: '0' })).toContain('DIRECTOR_OWNERS_TTL_MS');
  });

  it('takes NEXTAUTH_SECRET when AUTH_SECRET is absent', () => {
    const env = parseEnv({ ...good, AUTH_SECRET: undefined, NEXTAUTH_SECRET: 'n'.repeat(40) });
    expect(env.auth.secret).toBe('n'.repeat(40));
  });

  it('names every problem in one message', () => {
    const message = problemsOf({
      DIRECTOR_URL: 'ftp://director',
      DIRECTOR_SECRET_KEY: 'sk',
      DIRECTOR_TIMEOUT_MS: 'soon',
      AUTH_SECRET: 'short',
      HSS_ENDPOINT: 'https://hss.example.test',
    });
    expect(message.startsWith('Invalid configuration:\n')).toBe(true);
    expect(message).toContain('- DIRECTOR_URL: must be an http(s) URL');
    expect(message).toContain('- DIRECTOR_ACCESS_KEY: required');
    expect(message).toContain('- DIRECTOR_TIMEOUT_MS: must be a positive whole number');
    expect(message).toContain('- DASHBOARD_USERS_FILE: required');
    expect(message).toContain('- AUTH_SECRET: must be at least 32 characters');
    expect(message).toContain('- HSS_PROJECT_ID: required when HSS is configured');
    expect(message).toContain('- IAM_ENDPOINT: required for IAM token mode');
    expect(message).not.toContain('DIRECTOR_SECRET_KEY');
  });

  it('refuses a DIRECTOR_URL that already ends in /rest, and a missing secret', () => {
    const message = problemsOf({ ...good, DIRECTOR_URL: 'https://d.example.test/rest', AUTH_SECRET: undefined });
    expect(message).toContain('- DIRECTOR_URL: must not end with /rest');
    expect(message).toContain('- AUTH_SECRET: required (or NEXTAUTH_SECRET)');
  });

  it('validates the HSS group when present: AK/SK needs both halves', () => {
    const message = problemsOf({ ...good, HSS_ENDPOINT: 'https://hss.example.test', HSS_PROJECT_ID: 'p1', HUAWEI_AK: 'AK' });
    expect(message).toContain('- HUAWEI_SK: required with HUAWEI_AK');
    const env = parseEnv({ ...good, HSS_ENDPOINT: 'https://hss.example.test', HSS_PROJECT_ID: 'p1', HUAWEI_AK: 'AK', HUAWEI_SK: 'SK' });
    expect(env.hss?.auth.mode).toBe('aksk');
  });

  it('accepts IAM token mode', () => {
    const env = parseEnv({
      ...good,
      HSS_ENDPOINT: 'https://hss.example.test',
      HSS_PROJECT_ID: 'p1',
      IAM_ENDPOINT: 'https://iam.example.test',
      IAM_DOMAIN: 'd',
      IAM_USERNAME: 'u',
      IAM_PASSWORD: 'iam-password-value',
      IAM_PROJECT_NAME: 'cn-north-4',
    });
    expect(env.hss?.auth.mode).toBe('iam');
  });

  it('treats empty variables as unset', () => {
    const env = parseEnv({ ...good, HSS_ENDPOINT: '', DIRECTOR_TIMEOUT_MS: '' });
    expect(env.hss).toBeUndefined();
    expect(env.director.timeoutMs).toBe(15_000);
  });
});

describe('operations settings (METRICS_TOKEN, LOG_LEVEL)', () => {
  it('leaves /metrics off and logs at info by default', () => {
    expect(parseEnv(good).ops).toMatchObject({ metricsToken: undefined, logLevel: 'info' });
  });

  it('takes a long enough token and a known level; refuses the rest without quoting the token', () => {
    const token = 'a-metrics-token-of-32-characters!';
    expect(parseEnv({ ...good, METRICS_TOKEN: token, LOG_LEVEL: 'warn' }).ops).toMatchObject({ metricsToken: token, logLevel: 'warn' });
    const problems = problemsOf({ ...good, METRICS_TOKEN: 'short-token-value', LOG_LEVEL: 'loud' });
    expect(problems).toMatch(/- METRICS_TOKEN: must be 32 to 512 printable characters/);
    expect(problems).toMatch(/- LOG_LEVEL: must be one of/);
    expect(problems).not.toContain('short-token-value');
    expect(problemsOf({ ...good, METRICS_TOKEN: `${'x'.repeat(20)} ${'y'.repeat(20)}` })).toMatch(/METRICS_TOKEN/);
  });
});

describe('describeConfig', () => {
  it('names hosts but never keys or passwords', () => {
    const env = parseEnv({
      ...good,
      HSS_ENDPOINT: 'https://hss.example.test',
      HSS_PROJECT_ID: 'p1',
      IAM_ENDPOINT: 'https://iam.example.test',
      IAM_DOMAIN: 'd',
      IAM_USERNAME: 'u',
      IAM_PASSWORD: 'iam-password-value',
      IAM_PROJECT_NAME: 'cn-north-4',
    });
    const text = describeConfig(env);
    expect(text).toContain('director.example.test:8443');
    expect(text).toContain('hss.example.test');
    for (const secret of ['ak-director-0123', 'sk-director-secret-4567', 'iam-password-value', 'x'.repeat(32)]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('SCI_CONNECTIONS_FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scandeck-env-scis-'));
  let n = 0;
  function file(content: unknown, mode = 0o600): string {
    const path = join(dir, `scis-${++n}.json`);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content), { mode });
    chmodSync(path, mode);
    return path;
  }
  const sci = (id: number, extra: Record<string, unknown> = {}) => ({
    id,
    url: `https://sc${id}.example.test/`,
    accessKey: `ak-sci-${id}`,
    secretKey: `sk-sci-secret-${id}`,
    ...extra,
  });

  it('is optional: without it no SCI is connected', () => {
    expect(parseEnv(good).scis.connections.size).toBe(0);
    expect(describeConfig(parseEnv(good))).toContain('scis=none connected');
  });

  it('reads one connection per SCI with defaults from SCI_* variables', () => {
    const env = parseEnv({ ...good, SCI_CONNECTIONS_FILE: file({ scis: [sci(3), sci(5, { timeoutMs: 9000, maxConcurrency: 1 })] }), SCI_TIMEOUT_MS: '7000' });
    expect(env.scis.connections.get(3)).toEqual({
      id: 3,
      url: 'https://sc3.example.test',
      accessKey: 'ak-sci-3',
      secretKey: 'sk-sci-secret-3',
      caFile: undefined,
      timeoutMs: 7000,
      connectTimeoutMs: 5000,
      maxConcurrency: 2,
    });
    expect(env.scis.connections.get(5)).toMatchObject({ timeoutMs: 9000, maxConcurrency: 1 });
    expect(describeConfig(env)).toContain('scis=3,5');
    expect(describeConfig(env)).not.toContain('sk-sci-secret');
  });

  it('refuses a file that group or others may read', () => {
    const message = problemsOf({ ...good, SCI_CONNECTIONS_FILE: file({ scis: [sci(3)] }, 0o644) });
    expect(message).toMatch(/SCI_CONNECTIONS_FILE: .* must be readable by its owner only \(chmod 600\); it is 644/);
  });

  it('names every problem of the file together with the other variables, never a key', () => {
    const path = file({
      scis: [
        sci(3),
        sci(3),
        { id: 'four', url: 'https://x', accessKey: '', secretKey: 'sk-visible-9' },
        sci(5, { url: 'ftp://x/rest' }),
        sci(6, { extra: 1 }),
        sci(7, { caFile: '/nonexistent/ca.pem' }),
      ],
    });
    const message = problemsOf({ ...good, DIRECTOR_URL: 'not a url', SCI_CONNECTIONS_FILE: path });
    expect(message).toContain('DIRECTOR_URL');
    expect(message).toContain('SCI_CONNECTIONS_FILE.scis[1].id: SCI 3 is listed twice');
    expect(message).toContain("SCI_CONNECTIONS_FILE.scis[2].id: must be Director's SCI id (a number)");
    expect(message).toContain('SCI_CONNECTIONS_FILE.scis[2].accessKey: required');
    expect(message).toContain('SCI_CONNECTIONS_FILE.scis[3].url: must be an http(s) URL');
    expect(message).toContain('SCI_CONNECTIONS_FILE.scis[4]: unknown field(s) extra');
    expect(message).toContain('SCI_CONNECTIONS_FILE.scis[5].caFile: /nonexistent/ca.pem does not exist');
    expect(message).not.toContain('sk-visible-9');
  });

  it('refuses a missing file, bad JSON and the wrong shape', () => {
    expect(problemsOf({ ...good, SCI_CONNECTIONS_FILE: join(dir, 'absent.json') })).toMatch(/cannot be read \(ENOENT\)/);
    expect(problemsOf({ ...good, SCI_CONNECTIONS_FILE: file('{not json') })).toMatch(/is not valid JSON/);
    expect(problemsOf({ ...good, SCI_CONNECTIONS_FILE: file([sci(3)]) })).toMatch(/must be \{"scis": \[ \.\.\. \]\}/);
  });
});

describe("OIDC_* (sign-in through the organization's provider)", () => {
  const oidc = {
    OIDC_ISSUER: 'https://login.example.org/realms/corp/',
    OIDC_CLIENT_ID: 'scandeck',
    OIDC_CLIENT_SECRET: 'oidc-client-secret-0123456789',
    OIDC_ADMIN_GROUPS: 'secops-admins, soc-leads',
    OIDC_VIEWER_GROUPS: 'soc',
  };

  it('is optional, and LOCAL_SIGNIN=off without it is refused (nobody could sign in)', () => {
    expect(parseEnv(good)).toMatchObject({ oidc: undefined, localSignIn: true });
    expect(problemsOf({ ...good, LOCAL_SIGNIN: 'off' })).toMatch(/- LOCAL_SIGNIN: may be off only when OIDC_ISSUER/);
  });

  it('reads the provider with defaults: groups claim, scopes, display name; groups as lists', () => {
    const env = parseEnv({ ...good, ...oidc });
    expect(env.oidc).toEqual({
      issuer: 'https://login.example.org/realms/corp',
      clientId: 'scandeck',
      clientSecret: 'oidc-client-secret-0123456789',
      displayName: 'single sign-on',
      groupsClaim: 'groups',
      adminGroups: ['secops-admins', 'soc-leads'],
      viewerGroups: ['soc'],
      scopes: 'openid profile email groups',
    });
    expect(env.localSignIn).toBe(true);
    expect(parseEnv({ ...good, ...oidc, LOCAL_SIGNIN: 'off' }).localSignIn).toBe(false);
    expect(describeConfig(env)).toContain('oidc=login.example.org');
    expect(describeConfig(env)).not.toContain('oidc-client-secret');
  });

  it('names every problem at once: http issuer off loopback, missing secret, no groups, never the secret', () => {
    const message = problemsOf({ ...good, OIDC_ISSUER: 'http://login.example.org', OIDC_CLIENT_ID: 'scandeck', LOCAL_SIGNIN: 'maybe' });
    expect(message).toMatch(/- OIDC_ISSUER: must be https/);
    expect(message).toMatch(/- OIDC_CLIENT_SECRET: required when OIDC is configured/);
    expect(message).toMatch(/- OIDC_ADMIN_GROUPS: required when OIDC is configured \(or OIDC_VIEWER_GROUPS\)/);
    expect(message).toMatch(/- LOCAL_SIGNIN: must be on or off/);
    const both = problemsOf({ ...good, ...oidc, OIDC_VIEWER_GROUPS: 'soc, soc-leads', OIDC_SCOPES: 'profile', OIDC_GROUPS_CLAIM: 'a b' });
    expect(both).toMatch(/- OIDC_VIEWER_GROUPS: names groups also in OIDC_ADMIN_GROUPS \(soc-leads\)/);
    expect(both).toMatch(/- OIDC_SCOPES: must include openid/);
    expect(both).toMatch(/- OIDC_GROUPS_CLAIM: must be a claim name/);
    expect(both).not.toContain('oidc-client-secret');
  });

  it('takes plain http only on loopback, for tests and the demo', () => {
    for (const issuer of ['http://127.0.0.1:4020', 'http://localhost:4020']) {
      expect(parseEnv({ ...good, ...oidc, OIDC_ISSUER: issuer }).oidc?.issuer).toBe(issuer);
    }
  });
});
