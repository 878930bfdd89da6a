// A real OpenID provider (panva's oidc-provider) for the tests and the demo: loopback only, a
// few users in a few groups, one client (ScanDeck), and its own sign-in page checking each user's
// password.
import { generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

/** The groups ScanDeck's tests and demo map to roles (OIDC_ADMIN_GROUPS, OIDC_VIEWER_GROUPS). */
export const ssoGroups = { admin: 'scandeck-admins', viewer: 'scandeck-viewers' };

/**
 * The provider's users. `groups: undefined` is a provider that sends no groups claim for them.
 * Their passwords open nothing but a loopback test or demo provider.
 */
export function ssoUsers(password = () => randomBytes(9).toString('base64url')) {
  return [
    { id: 'u-alice', username: 'alice', name: 'Alice Admin', email: 'alice@example.org', groups: [ssoGroups.admin, 'staff'], password: password('alice') },
    { id: 'u-victor', username: 'victor', name: 'Victor Viewer', email: 'victor@example.org', groups: [ssoGroups.viewer], password: password('victor') },
    { id: 'u-nora', username: 'nora', name: 'Nora Nogroup', email: 'nora@example.org', groups: ['staff'], password: password('nora') },
    { id: 'u-gus', username: 'gus', name: 'Gus Groupless', email: 'gus@example.org', groups: undefined, password: password('gus') },
  ];
}

const same = (a, b) => {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Starts the provider on 127.0.0.1 (`port` 0 picks a free one).
 * @param {{ port?: number, clientId: string, clientSecret: string, redirectUris: string[], users: ReturnType<typeof ssoUsers> }} options
 * @returns {Promise<{ issuer: string, close: () => Promise<void> }>}
 */
export async function startOidcProvider({ port = 0, clientId, clientSecret, redirectUris, users }) {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const byLogin = new Map(users.map((u) => [u.username, u]));
  const byId = new Map(users.map((u) => [u.id, u]));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true, methods: ['S256'] },
    scopes: ['openid', 'profile', 'email', 'groups'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], groups: ['groups'] },
    // The groups go in the ID token, where ScanDeck reads them (as most providers can be set to do).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // ScanDeck is first party here: no consent screen.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile email groups');
      await grant.save();
      return grant;
    },
    async findAccount(_ctx, id) {
      const user = byId.get(id);
      if (!user) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          name: user.name,
          preferred_username: user.username,
          email: user.email,
          ...(user.groups ? { groups: user.groups } : {}),
        }),
      };
    },
    ttl: { Session: 600, Interaction: 600, Grant: 600, AuthorizationCode: 60, IdToken: 300, AccessToken: 300 },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>Provider error</title><h1>Provider error</h1><p>${String(out.error_description ?? out.error).replace(/[<>&"]/g, '')}</p>`;
    },
  });
  // The provider's own sign-in page: a username and password form, checked against `users`.
  provider.use(async (ctx, next) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(ctx.path);
    if (!match) return next();
    ctx.set('Cache-Control', 'no-store');
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.prompt.name !== 'login') {
      // Consent is pre-agreed (loadExistingGrant); anything else ends the interaction.
      ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, { consent: {} }, { mergeWithLastSubmission: true }));
      return;
    }
    let failed = false;
    if (ctx.method === 'POST') {
      const chunks = [];
      let size = 0;
      for await (const chunk of ctx.req) {
        size += chunk.length;
        if (size > 8192) break;
        chunks.push(chunk);
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const user = byLogin.get(form.get('username') ?? '');
      if (user && same(user.password, form.get('password') ?? '')) {
        ctx.status = 303;
        ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: user.id } }, { mergeWithLastSubmission: false }));
        return;
      }
      failed = true;
    }
    ctx.type = 'html';
    ctx.status = failed ? 401 : 200;
    ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example Identity Provider</title>
<style>body{font-family:sans-serif;background:#1e293b;color:#0f172a;display:flex;min-height:100vh;align-items:center;justify-content:center;margin:0}
form{background:#fff;padding:24px;border-radius:8px;width:300px}label{display:block;margin-top:12px;font-size:14px}input{width:100%;padding:6px;box-sizing:border-box}
button{margin-top:16px;width:100%;padding:8px;background:#0f766e;color:#fff;border:0;border-radius:4px}p.err{color:#b91c1c}</style></head>
<body><form method="post" action="/interaction/${match[1]}"><h1 style="font-size:18px">Example Identity Provider</h1>
<p style="font-size:13px">Sign in to continue to ${String(details.params.client_id).replace(/[^A-Za-z0-9_-]/g, '')}</p>
${failed ? '<p class="err" role="alert">Wrong username or password</p>' : ''}
<label for="username">Username</label><input id="username" name="username" autocomplete="username" autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit">Sign in</button></form></body></html>`;
  });
  server.on('request', provider.callback());
  return {
    issuer,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
