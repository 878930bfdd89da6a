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
    });
    expect(env.auth.sessionMaxAgeS).toBe(8 * 3600);
    expect(env.hss).toBeUndefined();
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
