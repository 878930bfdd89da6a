import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { jsonBody, type SimHandler, type SimRequest, type SimResponse } from '../http';

export interface IamOptions {
  domain: string;
  username: string;
  password: string;
  projectName: string;
  /** the project id the token is scoped to (the HSS project) */
  projectId: string;
  /** token lifetime, default 24 h as IAM issues */
  tokenTtlMs?: number;
  now: () => number;
}

export interface IamSim {
  handle: SimHandler;
  /** 'valid', 'expired' or 'invalid' for an X-Auth-Token value */
  checkToken(token: string): 'valid' | 'expired' | 'invalid';
  /** how many tokens have been issued so far (tests prove a client caches its token) */
  readonly tokensIssued: number;
  /** makes every token issued so far expired, as if a day had passed */
  expireAll(): void;
}

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;

const namedDomain = z.object({ name: z.string().min(1) });

const passwordAuthBody = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.string()).refine((m) => m.includes('password'), { message: 'methods must include "password"' }),
      password: z.object({
        user: z.object({
          name: z.string().min(1),
          password: z.string(),
          domain: namedDomain,
        }),
      }),
    }),
    scope: z.object({
      project: z.union([z.object({ id: z.string().min(1) }), z.object({ name: z.string().min(1) })]),
    }),
  }),
});

function stableId(kind: string, value: string): string {
  return createHash('sha256').update(`${kind}:${value}`).digest('hex').slice(0, 32);
}

function requestId(): string {
  return randomBytes(16).toString('hex');
}

function iamError(status: 400 | 401 | 404 | 405, message: string, id: string): SimResponse {
  const titles = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 405: 'Method Not Allowed' } as const;
  return {
    status,
    headers: { 'X-Request-Id': id },
    body: { error: { code: status, message, title: titles[status] } },
  };
}

export function createIam(options: IamOptions): IamSim {
  const ttlMs = options.tokenTtlMs ?? DEFAULT_TTL_MS;
  const expiresAtByToken = new Map<string, number>();
  let tokensIssued = 0;

  const domain = { id: stableId('domain', options.domain), name: options.domain };
  const user = { id: stableId('user', `${options.domain}/${options.username}`), name: options.username, domain };
  const project = { id: options.projectId, name: options.projectName, domain };

  function issueToken(req: SimRequest, id: string): SimResponse {
    let raw: unknown;
    try {
      raw = jsonBody(req);
    } catch {
      return iamError(400, 'The request body is not valid JSON.', id);
    }
    const parsed = passwordAuthBody.safeParse(raw);
    if (!parsed.success) {
      return iamError(400, `The request body is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`, id);
    }
    const given = parsed.data.auth;
    const credentials = given.identity.password.user;
    const isRightUser = credentials.name === options.username && credentials.password === options.password && credentials.domain.name === options.domain;
    if (!isRightUser) return iamError(401, 'The username or password is wrong.', id);
    const scope = given.scope.project;
    const isRightProject = 'id' in scope ? scope.id === options.projectId : scope.name === options.projectName;
    if (!isRightProject) return iamError(401, 'The project in the scope does not exist or is not accessible.', id);

    const issuedAt = options.now();
    const expiresAt = issuedAt + ttlMs;
    // Opaque like a real IAM token (a PKI blob): clients must treat it as a string, never parse it.
    const token = `MII${randomBytes(96).toString('base64url')}`;
    expiresAtByToken.set(token, expiresAt);
    tokensIssued += 1;
    return {
      status: 201,
      headers: { 'X-Subject-Token': token, 'X-Request-Id': id },
      body: {
        token: {
          expires_at: new Date(expiresAt).toISOString(),
          issued_at: new Date(issuedAt).toISOString(),
          methods: ['password'],
          project,
          user: { ...user, password_expires_at: '' },
          roles: [{ id: stableId('role', 'te_admin'), name: 'te_admin' }],
          catalog: [],
        },
      },
    };
  }

  const handle: SimHandler = (req) => {
    const id = requestId();
    if (req.path === '/v3/auth/tokens' || req.path === '/v3/auth/tokens/') {
      if (req.method !== 'POST') return iamError(405, 'The method is not allowed for the requested URL.', id);
      return issueToken(req, id);
    }
    return iamError(404, 'The resource could not be found.', id);
  };

  return {
    handle,
    checkToken(token) {
      const expiresAt = expiresAtByToken.get(token);
      if (expiresAt === undefined) return 'invalid';
      return options.now() < expiresAt ? 'valid' : 'expired';
    },
    get tokensIssued() {
      return tokensIssued;
    },
    expireAll() {
      const past = options.now() - 1;
      for (const token of expiresAtByToken.keys()) expiresAtByToken.set(token, past);
    },
  };
}
