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
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // JSON never needs to run anything or be framed.
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
