/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The simulator and scripts are separate Node programs, never bundled into the app.
  outputFileTracingExcludes: { '*': ['simulator/**', 'e2e/**', 'scripts/**'] },
};

export default nextConfig;
