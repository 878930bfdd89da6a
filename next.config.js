/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets several builds live side by side (parallel development); production uses the default.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  // The simulator and scripts are separate Node programs, never bundled into the app.
  outputFileTracingExcludes: { '*': ['simulator/**', 'e2e/**', 'scripts/**'] },
};

export default nextConfig;
