/** Headers for every answer, pages and API alike; the page CSP (with its nonce) comes from proxy.ts. */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets several builds live side by side (parallel development); production uses the default.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // The container image (Dockerfile) runs .next/standalone/server.js: the server with only the
  // node_modules it uses. `next start` still serves the same build for the demo and the tests.
  output: 'standalone',
  reactStrictMode: true,
  // The simulator and scripts are separate Node programs, never bundled into the app.
  outputFileTracingExcludes: { '*': ['simulator/**', 'e2e/**', 'scripts/**'] },
  // Loaded by Node at run time rather than bundled: one registry per process, however many route
  // bundles count into it (pino is external by Next's default already).
  serverExternalPackages: ['prom-client'],
  experimental: {
    // Fewer, larger first-load chunks: Turbopack's defaults split each console page into about 13
    // files, and gzip compresses each alone; merged, the same code is about 2.4 KB smaller (issue 11's
    // first-load budget). The price: a list page's own chunk also holds the shared table code, so
    // the first visit to each further list page in a session fetches that again (about 13 KB).
    turbopackChunking: { requestCost: 2_000_000, minChunkSize: 200_000 },
  },
  turbopack: {
    resolveAlias: {
      // React 19 has useSyncExternalStore: the shim's copy for React 17 (TanStack Table's store) need not ship.
      'use-sync-external-store/shim/with-selector': 'use-sync-external-store/with-selector',
    },
  },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // JSON never needs to run anything or be framed.
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }] },
      // Chromium asks for the page's icon again whenever the address changes, as every page flip
      // and filter does (shallowly): kept a day, that is no request, rather than a 304 beside each flip's own.
      ...['/icon.svg', '/favicon.ico'].map((source) => ({ source, headers: [{ key: 'Cache-Control', value: 'public, max-age=86400' }] })),
    ];
  },
};

export default nextConfig;
