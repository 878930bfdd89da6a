import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { NextRequest } from 'next/server';
import type { AuthOptions } from 'next-auth';

/**
 * A second OpenID issuer for the handler tests, beside the real oidc-provider of the e2e stack: it
 * serves discovery, JWKS and a token endpoint (checking the client's secret, the code's single
 * use and PKCE) like any provider, but the ID token it answers can be made wrong on purpose:
 * tampered after signing, for another audience, from another issuer, without groups.
 */
export type TokenFlaw = 'none' | 'tampered' | 'wrong-audience' | 'wrong-issuer' | 'foreign-key';

interface Grant {
  claims: Record<string, unknown>;
  nonce: string;
  challenge: string;
  flaw: TokenFlaw;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function signJwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

export interface TestIssuer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Plays the user signing in at the provider: a code for this authorization request. */
  approve(authorizationUrl: string, claims: Record<string, unknown>, flaw?: TokenFlaw): string;
  /** Requests to the token endpoint, answered or refused. */
  tokenRequests: number;
  close(): Promise<void>;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const grants = new Map<string, Grant>();
  const clientId = 'scandeck-test';
  const clientSecret = randomBytes(24).toString('base64url');
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuerUrl);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: issuerUrl,
        authorization_endpoint: `${issuerUrl}/auth`,
        token_endpoint: `${issuerUrl}/token`,
        jwks_uri: `${issuerUrl}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] });
    if (url.pathname === '/token' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        issuer.tokenRequests++;
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8');
        if (basic !== `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`) return json(401, { error: 'invalid_client' });
        const code = form.get('code') ?? '';
        const grant = grants.get(code);
        grants.delete(code);
        if (!grant) return json(400, { error: 'invalid_grant', error_description: 'code not found or already used' });
        const verifier = form.get('code_verifier') ?? '';
        if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge)
          return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
        const now = Math.floor(Date.now() / 1000);
        const claims = {
          iss: grant.flaw === 'wrong-issuer' ? 'https://impostor.example' : issuerUrl,
          aud: grant.flaw === 'wrong-audience' ? 'someone-else' : clientId,
          iat: now,
          exp: now + 300,
          nonce: grant.nonce,
          ...grant.claims,
        };
        let idToken = signJwt(claims, grant.flaw === 'foreign-key' ? foreign : privateKey, 'k1');
        if (grant.flaw === 'tampered') {
          const [header, , signature] = idToken.split('.');
          idToken = `${header}.${b64({ ...claims, groups: ['scandeck-admins'], sub: 'someone-important' })}.${signature}`;
        }
        json(200, { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const issuerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer: TestIssuer = {
    issuer: issuerUrl,
    clientId,
    clientSecret,
    tokenRequests: 0,
    approve(authorizationUrl, claims, flaw = 'none') {
      const params = new URL(authorizationUrl).searchParams;
      const code = randomBytes(12).toString('hex');
      grants.set(code, { claims, nonce: params.get('nonce') ?? '', challenge: params.get('code_challenge') ?? '', flaw });
      return code;
    },
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
  return issuer;
}

type AuthHandlerModule = {
  AuthHandler: (params: { req: Record<string, unknown>; options: AuthOptions }) => Promise<Record<string, unknown> & { status?: number }>;
};
type UtilsModule = { getBody: (req: Request) => Promise<Record<string, unknown> | undefined>; toResponse: (res: unknown) => Response };

/**
 * next-auth's App Router handler (next-auth/next `NextAuthRouteHandler`) as it is, except that it
 * reads cookies and headers from the request rather than from Next's request scope, which a test
 * has not got. next-auth's core, openid-client and ScanDeck's callbacks all run for real.
 */
export async function nextAuthHandlerForTests(options: () => AuthOptions) {
  // next-auth 4 exports neither module; the files are loaded directly.
  const core = (await import(/* @vite-ignore */ resolve('node_modules/next-auth/core/index.js'))) as AuthHandlerModule;
  const utils = (await import(/* @vite-ignore */ resolve('node_modules/next-auth/next/utils.js'))) as UtilsModule;
  return async (req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> => {
    const nextauth = (await context.params).nextauth;
    const query = Object.fromEntries(req.nextUrl.searchParams);
    const body = await utils.getBody(req);
    const cookies = Object.fromEntries(
      (req.headers.get('cookie') ?? '')
        .split(';')
        .map((c) => c.trim())
        .filter(Boolean)
        .map((c) => [c.slice(0, c.indexOf('=')), decodeURIComponent(c.slice(c.indexOf('=') + 1))]),
    );
    const internal = await core.AuthHandler({
      req: {
        body,
        query,
        cookies,
        headers: Object.fromEntries(req.headers),
        method: req.method,
        action: nextauth[0],
        providerId: nextauth[1],
        error: query.error ?? nextauth[1],
      },
      options: options(),
    });
    return utils.toResponse(internal);
  };
}
