import 'server-only';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { readSciConnections, type SciConnection } from './sci/connections';
import { isHttpUrl } from './url';

const httpUrl = z.string({ error: 'required' }).trim().min(1, 'required').refine(isHttpUrl, 'must be an http(s) URL');

const required = z.string({ error: 'required' }).trim().min(1, 'required');
const optional = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));
/** `fallback`: the value when unset (undefined: stays unset, for a default derived from others) */
const positiveInt = <F extends number | undefined>(fallback: F) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx): number | F => {
      if (v === undefined || v === '') return fallback;
      if (!/^[0-9]+$/.test(v) || Number(v) <= 0) {
        ctx.addIssue({ code: 'custom', message: 'must be a positive whole number' });
        return z.NEVER;
      }
      return Number(v);
    });

const rawEnv = z.object({
  DIRECTOR_URL: httpUrl.refine((v) => !/\/rest\/?$/.test(v), 'must not end with /rest (it is added per call)'),
  DIRECTOR_ACCESS_KEY: required,
  DIRECTOR_SECRET_KEY: required,
  DIRECTOR_TIMEOUT_MS: positiveInt(15_000),
  DIRECTOR_CACHE_TTL_MS: positiveInt(15_000),
  /**
   * how long an SCI's users stay fresh as the names of scan owners and creators (every user of
   * the SCI: tens of MiB from Director at 100,000 users); unset: four list periods
   */
  DIRECTOR_OWNERS_TTL_MS: positiveInt(undefined),
  /** a stale list answers at once (and is refreshed behind the answer) until this age; never after */
  DIRECTOR_CACHE_MAX_AGE_MS: positiveInt(5 * 60_000),
  /** bound on every cached Director list and its indexes (estimated as JSON bytes) */
  LIST_CACHE_MAX_BYTES: positiveInt(96 * 1024 * 1024),
  LIST_CACHE_MAX_ENTRIES: positiveInt(64),
  DASHBOARD_USERS_FILE: required,
  SCANDECK_DATA_DIR: optional,
  /** shared state for several instances (sign-outs, sign-in throttle); unset: the embedded SQLite store */
  REDIS_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || /^rediss?:\/\/[^\s]+$/.test(v), 'must be a redis:// or rediss:// URL'),
  /** the durable state (audit trail, saved views) in PostgreSQL, shared by every instance; unset: embedded SQLite files */
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || (/^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v)), 'must be a postgres:// or postgresql:// URL'),
  AUTH_SECRET: optional,
  NEXTAUTH_SECRET: optional,
  NEXTAUTH_URL: httpUrl.optional(),
  SESSION_MAX_AGE_S: positiveInt(8 * 60 * 60),
  SESSION_IDLE_TIMEOUT_S: positiveInt(30 * 60),
  SIGNIN_MAX_FAILURES_PER_USER: positiveInt(5),
  SIGNIN_MAX_FAILURES_PER_ADDRESS: positiveInt(20),
  SIGNIN_WINDOW_S: positiveInt(15 * 60),
  SIGNIN_SLOW_AFTER: positiveInt(3),
  HSS_ENDPOINT: httpUrl.optional(),
  HSS_PROJECT_ID: optional,
  HSS_ENTERPRISE_PROJECT_ID: optional,
  HSS_TIMEOUT_MS: positiveInt(15_000),
  /** how long a task list or status answer is reused; HSS allows only a few calls per minute */
  HSS_CACHE_TTL_MS: positiveInt(5_000),
  /** HSS calls per minute per API, shared by every viewer and instance (token bucket; Huawei allows 5 a minute per user and API, see docs/vendor-notes.md) */
  HSS_CALLS_PER_MINUTE: positiveInt(3),
  HSS_CALL_BURST: positiveInt(2),
  HUAWEI_AK: optional,
  HUAWEI_SK: optional,
  IAM_ENDPOINT: httpUrl.optional(),
  IAM_DOMAIN: optional,
  IAM_USERNAME: optional,
  IAM_PASSWORD: optional,
  IAM_PROJECT_NAME: optional,
  DIRECTOR_CONNECT_TIMEOUT_MS: positiveInt(5_000),
  DIRECTOR_MAX_CONCURRENCY: positiveInt(2),
  DIRECTOR_CA_FILE: optional,
  HSS_CONNECT_TIMEOUT_MS: positiveInt(5_000),
  HSS_CA_FILE: optional,
  // Director answers whole lists (100,000 users with default fields is about 40 MiB); HSS pages.
  DIRECTOR_MAX_BODY_BYTES: positiveInt(96 * 1024 * 1024),
  HSS_MAX_BODY_BYTES: positiveInt(8 * 1024 * 1024),
  UPSTREAM_RETRIES: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return 2;
      if (!/^[0-9]$/.test(v)) {
        ctx.addIssue({ code: 'custom', message: 'must be a whole number from 0 to 9' });
        return z.NEVER;
      }
      return Number(v);
    }),
  UPSTREAM_CIRCUIT_THRESHOLD: positiveInt(5),
  UPSTREAM_CIRCUIT_OPEN_MS: positiveInt(30_000),
  // Connections to the Tenable.sc instances (SCIs) Director federates: security managers live there.
  SCI_CONNECTIONS_FILE: optional,
  SCI_TIMEOUT_MS: positiveInt(15_000),
  SCI_CONNECT_TIMEOUT_MS: positiveInt(5_000),
  SCI_MAX_CONCURRENCY: positiveInt(2),
});
type RawEnv = z.output<typeof rawEnv>;

/** Parses `TRUSTED_PROXIES` entries (an address or address/prefix); throws on the first bad one. */
export function parseTrustedProxies(text: string): string[] {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const version = isIP(address);
    const max = version === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= max);
    if (!version || !prefixOk || extra !== undefined) throw new Error(`"${entry.slice(0, 60)}" is not an address or CIDR range`);
  }
  return entries;
}

/** Sign-in, sessions and the audit trail (issue 10): read on their own so each reports its problem. */
const securityEnv = z.object({
  /** proxies whose X-Forwarded-For is believed: addresses or CIDR ranges, comma separated */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parseTrustedProxies(v ?? '');
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : 'is not a list of addresses or CIDR ranges' });
        return z.NEVER;
      }
    }),
  AUDIT_RETENTION_DAYS: positiveInt(400),
  /** bearer token for /metrics; unset: /metrics answers 404 */
  METRICS_TOKEN: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || /^[\x21-\x7e]{32,512}$/.test(v), 'must be 32 to 512 printable characters without spaces'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' })
    .optional(),
  /** where `next build` wrote its output (parallel builds); the request log reads the route list from it */
  NEXT_DIST_DIR: optional,
});
type SecurityEnv = z.output<typeof securityEnv>;

/** Sign-in through the organization's OpenID provider (issue 15); all or nothing. */
const oidcNames = [
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_DISPLAY_NAME',
  'OIDC_GROUPS_CLAIM',
  'OIDC_ADMIN_GROUPS',
  'OIDC_VIEWER_GROUPS',
  'OIDC_SCOPES',
] as const;

export interface OidcConfig {
  /** without a trailing slash, as the provider names itself in `iss` */
  issuer: string;
  clientId: string;
  clientSecret: string;
  displayName: string;
  groupsClaim: string;
  adminGroups: string[];
  viewerGroups: string[];
  scopes: string;
}

const isLoopbackHost = (hostname: string) => hostname === 'localhost' || hostname === '[::1]' || /^127(\.[0-9]{1,3}){3}$/.test(hostname);

const groupList = (text: string | undefined) => [
  ...new Set(
    (text ?? '')
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean),
  ),
];

/** OIDC is optional as a whole, but once any of its variables is set it must be complete. */
export function oidcConfig(get: (name: string) => string | undefined, problems: Problem[]): OidcConfig | undefined {
  const localOff = get('LOCAL_SIGNIN');
  if (localOff !== undefined && !['on', 'off'].includes(localOff)) problems.push({ name: 'LOCAL_SIGNIN', message: 'must be on or off' });
  if (oidcNames.every((n) => get(n) === undefined)) {
    if (localOff === 'off')
      problems.push({
        name: 'LOCAL_SIGNIN',
        message: 'may be off only when OIDC_ISSUER and the other OIDC_ variables are set (otherwise nobody could sign in)',
      });
    return undefined;
  }
  const before = problems.length;
  const issuer = get('OIDC_ISSUER');
  if (issuer === undefined) problems.push({ name: 'OIDC_ISSUER', message: 'required when OIDC is configured' });
  else if (!isHttpUrl(issuer)) problems.push({ name: 'OIDC_ISSUER', message: 'must be an http(s) URL' });
  else {
    const url = new URL(issuer);
    if (url.protocol !== 'https:' && !isLoopbackHost(url.hostname))
      problems.push({ name: 'OIDC_ISSUER', message: 'must be https (plain http only on loopback, for tests)' });
    if (url.search || url.hash) problems.push({ name: 'OIDC_ISSUER', message: 'must not hold a query or fragment' });
  }
  for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
    if (get(name) === undefined) problems.push({ name, message: 'required when OIDC is configured' });
  }
  const adminGroups = groupList(get('OIDC_ADMIN_GROUPS'));
  const viewerGroups = groupList(get('OIDC_VIEWER_GROUPS'));
  if (adminGroups.length === 0 && viewerGroups.length === 0) {
    problems.push({ name: 'OIDC_ADMIN_GROUPS', message: 'required when OIDC is configured (or OIDC_VIEWER_GROUPS): without a group nobody could sign in' });
  }
  const both = adminGroups.filter((g) => viewerGroups.includes(g));
  if (both.length > 0)
    problems.push({
      name: 'OIDC_VIEWER_GROUPS',
      message: `names groups also in OIDC_ADMIN_GROUPS (${both.slice(0, 5).join(', ').slice(0, 120)}); a group maps to one role`,
    });
  const groupsClaim = get('OIDC_GROUPS_CLAIM') ?? 'groups';
  if (!/^[A-Za-z0-9_:./-]{1,100}$/.test(groupsClaim))
    problems.push({ name: 'OIDC_GROUPS_CLAIM', message: 'must be a claim name (letters, digits, _ : . / -)' });
  const scopes = get('OIDC_SCOPES') ?? 'openid profile email groups';
  if (!scopes.split(/\s+/).includes('openid')) problems.push({ name: 'OIDC_SCOPES', message: 'must include openid' });
  const displayName = get('OIDC_DISPLAY_NAME') ?? 'single sign-on';
  if (displayName.length > 60) problems.push({ name: 'OIDC_DISPLAY_NAME', message: 'at most 60 characters' });
  if (problems.length > before || !issuer) return undefined;
  return {
    issuer: issuer.replace(/\/+$/, ''),
    clientId: get('OIDC_CLIENT_ID')!,
    clientSecret: get('OIDC_CLIENT_SECRET')!,
    displayName,
    groupsClaim,
    adminGroups,
    viewerGroups,
    scopes,
  };
}

export type HssAuth =
  | { mode: 'aksk'; ak: string; sk: string }
  | { mode: 'iam'; endpoint: string; domain: string; username: string; password: string; projectName: string };

export interface Env {
  /** where ScanDeck keeps its own state (the audit trail); absolute */
  dataDir: string;
  /** the shared state store (Redis); undefined: the embedded SQLite one under dataDir */
  redisUrl: string | undefined;
  /** the durable store (PostgreSQL: audit trail, saved views); undefined: SQLite files under dataDir */
  databaseUrl: string | undefined;
  director: { url: string; accessKey: string; secretKey: string; timeoutMs: number; cacheTtlMs: number; ownersTtlMs: number };
  lists: { maxAgeMs: number; maxBytes: number; maxEntries: number };
  auth: {
    secret: string;
    url: string | undefined;
    /** next-auth names its cookies `__Secure-...` when its URL is https; readers must agree */
    secureCookie: boolean;
    /** absolute lifetime of a session, from sign-in */
    sessionMaxAgeS: number;
    /** a session unused for this long is over */
    sessionIdleS: number;
    usersFile: string;
  };
  /** how ScanDeck calls its upstreams (lib/server/upstream); HSS settings also apply to IAM */
  upstream: {
    director: { connectTimeoutMs: number; maxConcurrency: number; caFile: string | undefined; maxBodyBytes: number };
    hss: { connectTimeoutMs: number; caFile: string | undefined; maxBodyBytes: number };
    retries: number;
    circuitThreshold: number;
    circuitOpenMs: number;
  };
  signIn: { maxFailuresPerUser: number; maxFailuresPerAddress: number; windowS: number; slowAfter: number };
  /**
   * Tenable.sc instances ScanDeck may call directly, by Director's SCI id. An SCI missing here is
   * shown as "not connected" and never called (nor reached through Director).
   */
  scis: { file: string | undefined; connections: ReadonlyMap<number, SciConnection> };
  /** CIDR ranges of reverse proxies whose X-Forwarded-For is believed; empty: none is */
  trustedProxies: string[];
  audit: { retentionDays: number };
  /** operations: the /metrics bearer token (undefined: /metrics is off), the log level, the build output */
  ops: { metricsToken: string | undefined; logLevel: string; distDir: string };
  /** the organization's OpenID provider, when sign-in through it is set up */
  oidc: OidcConfig | undefined;
  /** whether the users file's local sign-in is offered (always, unless LOCAL_SIGNIN=off with OIDC set) */
  localSignIn: boolean;
  hss:
    | {
        endpoint: string;
        projectId: string;
        enterpriseProjectId: string | undefined;
        auth: HssAuth;
        timeoutMs: number;
        cacheTtlMs: number;
        /** calls per minute per HSS API and the burst allowed, shared by every viewer */
        budget: { perMinute: number; burst: number };
      }
    | undefined;
}

type Problem = { name: string; message: string };
type Lookup = (name: keyof RawEnv) => string | undefined;

function authSecret(get: Lookup, problems: Problem[]): string {
  const secret = get('AUTH_SECRET') ?? get('NEXTAUTH_SECRET');
  if (secret === undefined) problems.push({ name: 'AUTH_SECRET', message: 'required (or NEXTAUTH_SECRET)' });
  else if (secret.length < 32) {
    problems.push({ name: get('AUTH_SECRET') ? 'AUTH_SECRET' : 'NEXTAUTH_SECRET', message: 'must be at least 32 characters' });
  }
  return secret ?? '';
}

/** HSS is optional as a whole, but once any of its variables is set the group must be complete. */
function hssConfig(get: Lookup, problems: Problem[]): Omit<NonNullable<Env['hss']>, 'timeoutMs' | 'cacheTtlMs' | 'budget'> | undefined {
  const hssNames = [
    'HSS_ENDPOINT',
    'HSS_PROJECT_ID',
    'HSS_ENTERPRISE_PROJECT_ID',
    'HUAWEI_AK',
    'HUAWEI_SK',
    'IAM_ENDPOINT',
    'IAM_DOMAIN',
    'IAM_USERNAME',
    'IAM_PASSWORD',
    'IAM_PROJECT_NAME',
  ] as const;
  if (hssNames.every((n) => get(n) === undefined)) return undefined;
  const before = problems.length;
  const need = (name: (typeof hssNames)[number], why: string) => {
    if (get(name) === undefined) problems.push({ name, message: why });
  };
  const raw = Object.fromEntries(hssNames.map((n) => [n, get(n)])) as Record<(typeof hssNames)[number], string | undefined>;
  need('HSS_ENDPOINT', 'required when HSS is configured');
  need('HSS_PROJECT_ID', 'required when HSS is configured');
  let auth: HssAuth | undefined;
  if (raw.HUAWEI_AK !== undefined || raw.HUAWEI_SK !== undefined) {
    need('HUAWEI_AK', 'required with HUAWEI_SK');
    need('HUAWEI_SK', 'required with HUAWEI_AK');
    if (raw.HUAWEI_AK && raw.HUAWEI_SK) auth = { mode: 'aksk', ak: raw.HUAWEI_AK, sk: raw.HUAWEI_SK };
  } else {
    const why = 'required for IAM token mode (or set HUAWEI_AK and HUAWEI_SK)';
    need('IAM_ENDPOINT', why);
    need('IAM_DOMAIN', why);
    need('IAM_USERNAME', why);
    need('IAM_PASSWORD', why);
    need('IAM_PROJECT_NAME', why);
    if (raw.IAM_ENDPOINT && raw.IAM_DOMAIN && raw.IAM_USERNAME && raw.IAM_PASSWORD && raw.IAM_PROJECT_NAME) {
      auth = {
        mode: 'iam',
        endpoint: raw.IAM_ENDPOINT.replace(/\/+$/, ''),
        domain: raw.IAM_DOMAIN,
        username: raw.IAM_USERNAME,
        password: raw.IAM_PASSWORD,
        projectName: raw.IAM_PROJECT_NAME,
      };
    }
  }
  if (problems.length > before || !auth || !raw.HSS_ENDPOINT || !raw.HSS_PROJECT_ID) return undefined;
  return {
    endpoint: raw.HSS_ENDPOINT.replace(/\/+$/, ''),
    projectId: raw.HSS_PROJECT_ID,
    enterpriseProjectId: raw.HSS_ENTERPRISE_PROJECT_ID,
    auth,
  };
}

/** The SCI connections file, read once at start-up; its problems join the others in one message. */
function sciConfig(get: Lookup, raw: RawEnv | undefined, problems: Problem[]): Env['scis'] {
  const file = get('SCI_CONNECTIONS_FILE');
  if (file === undefined) return { file: undefined, connections: new Map() };
  const defaults = {
    timeoutMs: raw?.SCI_TIMEOUT_MS ?? 15_000,
    connectTimeoutMs: raw?.SCI_CONNECT_TIMEOUT_MS ?? 5_000,
    maxConcurrency: raw?.SCI_MAX_CONCURRENCY ?? 2,
  };
  // A runtime path, not a build input (see dataDir below).
  return { file, connections: readSciConnections(resolve(/* turbopackIgnore: true */ file), defaults, problems) };
}

/** Validates a set of variables; throws one error naming every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable (`FOO=` in a .env file) means unset.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = rawEnv.safeParse(cleaned);
  const security = securityEnv.safeParse(cleaned);
  const problems: Problem[] = [];
  for (const result of [parsed, security]) {
    if (result.success) continue;
    for (const issue of result.error.issues) {
      problems.push({ name: issue.path.map(String).join('.') || '(environment)', message: issue.message });
    }
  }
  // Cross-field rules read the raw strings, so they report even when a single field failed.
  const get: Lookup = (name) => source[name]?.trim() || undefined;
  const raw: RawEnv | undefined = parsed.success ? parsed.data : undefined;
  const secret = authSecret(get, problems);
  const hss = hssConfig(get, problems);
  const scis = sciConfig(get, raw, problems);
  const oidc = oidcConfig((name) => source[name]?.trim() || undefined, problems);
  // next-auth builds its redirects and cookie names from this URL; guessed from the Host header
  // in production, a forged Host could steer them.
  if (source.NODE_ENV === 'production' && !get('NEXTAUTH_URL')) {
    problems.push({ name: 'NEXTAUTH_URL', message: 'required in production (the URL people open, e.g. https://scandeck.example.org)' });
  }
  const sec: SecurityEnv | undefined = security.success ? security.data : undefined;
  if (problems.length > 0 || !raw || !sec) {
    const seen = new Set<string>();
    const lines = problems
      .map((p) => `- ${p.name}: ${p.message}`)
      .filter((line) => {
        if (seen.has(line)) return false;
        seen.add(line);
        return true;
      });
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return {
    // The project's .data/ by default, so `npm run demo` keeps its trail beside its other state.
    // A runtime path, not a build input: the comment keeps Turbopack from tracing the whole project.
    dataDir: resolve(/* turbopackIgnore: true */ raw.SCANDECK_DATA_DIR ?? '.data'),
    redisUrl: raw.REDIS_URL,
    databaseUrl: raw.DATABASE_URL,
    director: {
      url: raw.DIRECTOR_URL.replace(/\/+$/, ''),
      accessKey: raw.DIRECTOR_ACCESS_KEY,
      secretKey: raw.DIRECTOR_SECRET_KEY,
      timeoutMs: raw.DIRECTOR_TIMEOUT_MS,
      cacheTtlMs: raw.DIRECTOR_CACHE_TTL_MS,
      // An SCI's users are tens of MiB at 100,000 users: by default fetched once per maximum age of a list.
      ownersTtlMs: Math.min(raw.DIRECTOR_OWNERS_TTL_MS ?? raw.DIRECTOR_CACHE_MAX_AGE_MS, raw.DIRECTOR_CACHE_MAX_AGE_MS),
    },
    lists: { maxAgeMs: raw.DIRECTOR_CACHE_MAX_AGE_MS, maxBytes: raw.LIST_CACHE_MAX_BYTES, maxEntries: raw.LIST_CACHE_MAX_ENTRIES },
    auth: {
      secret,
      url: raw.NEXTAUTH_URL?.replace(/\/+$/, ''),
      secureCookie: raw.NEXTAUTH_URL?.startsWith('https://') ?? false,
      sessionMaxAgeS: raw.SESSION_MAX_AGE_S,
      sessionIdleS: Math.min(raw.SESSION_IDLE_TIMEOUT_S, raw.SESSION_MAX_AGE_S),
      usersFile: raw.DASHBOARD_USERS_FILE,
    },
    upstream: {
      director: {
        connectTimeoutMs: raw.DIRECTOR_CONNECT_TIMEOUT_MS,
        maxConcurrency: raw.DIRECTOR_MAX_CONCURRENCY,
        caFile: raw.DIRECTOR_CA_FILE,
        maxBodyBytes: raw.DIRECTOR_MAX_BODY_BYTES,
      },
      hss: { connectTimeoutMs: raw.HSS_CONNECT_TIMEOUT_MS, caFile: raw.HSS_CA_FILE, maxBodyBytes: raw.HSS_MAX_BODY_BYTES },
      retries: raw.UPSTREAM_RETRIES,
      circuitThreshold: raw.UPSTREAM_CIRCUIT_THRESHOLD,
      circuitOpenMs: raw.UPSTREAM_CIRCUIT_OPEN_MS,
    },
    signIn: {
      maxFailuresPerUser: raw.SIGNIN_MAX_FAILURES_PER_USER,
      maxFailuresPerAddress: raw.SIGNIN_MAX_FAILURES_PER_ADDRESS,
      windowS: raw.SIGNIN_WINDOW_S,
      slowAfter: raw.SIGNIN_SLOW_AFTER,
    },
    scis,
    hss: hss && {
      ...hss,
      timeoutMs: raw.HSS_TIMEOUT_MS,
      cacheTtlMs: raw.HSS_CACHE_TTL_MS,
      budget: { perMinute: raw.HSS_CALLS_PER_MINUTE, burst: raw.HSS_CALL_BURST },
    },
    trustedProxies: sec.TRUSTED_PROXIES,
    audit: { retentionDays: sec.AUDIT_RETENTION_DAYS },
    // A runtime path, not a build input (see dataDir above).
    ops: { metricsToken: sec.METRICS_TOKEN, logLevel: sec.LOG_LEVEL ?? 'info', distDir: resolve(/* turbopackIgnore: true */ sec.NEXT_DIST_DIR ?? '.next') },
    oidc,
    localSignIn: !(oidc && source.LOCAL_SIGNIN?.trim() === 'off'),
  };
}

let cached: Env | undefined;

/** The validated configuration of this process, read once. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** `next dev`, where React needs eval for its error overlays; never true in a production build. */
export function isDevelopment(): boolean {
  return process.env.NODE_ENV === 'development';
}

/** The password of a redis:// URL, if it carries one. */
function urlPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/** Every credential of the configuration, so the logger can make sure none of them is ever written. */
export function secretValuesOf(env: Env): string[] {
  const values = [
    env.director.accessKey,
    env.director.secretKey,
    env.auth.secret,
    env.ops.metricsToken,
    urlPassword(env.redisUrl),
    urlPassword(env.databaseUrl),
    env.oidc?.clientSecret,
  ];
  if (env.hss?.auth.mode === 'aksk') values.push(env.hss.auth.ak, env.hss.auth.sk);
  if (env.hss?.auth.mode === 'iam') values.push(env.hss.auth.password);
  for (const connection of env.scis.connections.values()) values.push(connection.accessKey, connection.secretKey);
  return values.filter((v): v is string => typeof v === 'string');
}

/** Where ScanDeck points, for logs and the health page: hosts only, never keys or passwords. */
export function describeConfig(env: Env = getEnv()): string {
  const host = (u: string) => new URL(u).host;
  const parts = [`director=${host(env.director.url)}`];
  if (env.hss) {
    parts.push(`hss=${host(env.hss.endpoint)}`, `hssAuth=${env.hss.auth.mode}`);
    if (env.hss.auth.mode === 'iam') parts.push(`iam=${host(env.hss.auth.endpoint)}`);
  } else parts.push('hss=not configured');
  parts.push(env.oidc ? `oidc=${host(env.oidc.issuer)}${env.localSignIn ? '' : ' localSignIn=off'}` : 'oidc=not configured');
  // Where the trail lives, never the credentials in the URL.
  parts.push(env.databaseUrl ? `database=postgres ${host(env.databaseUrl)}${new URL(env.databaseUrl).pathname}` : 'database=sqlite');
  parts.push(`scis=${env.scis.connections.size === 0 ? 'none connected' : [...env.scis.connections.keys()].sort((a, b) => a - b).join(',')}`);
  return parts.join(' ');
}
