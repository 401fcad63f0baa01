import type { NextConfig } from 'next';

/**
 * The benchmark's reference: a bare Next.js app of the portal's Next version, with the portal's
 * build settings that change what is measured (no type check at build, no X-Powered-By).
 */
const nextConfig: NextConfig = {
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
