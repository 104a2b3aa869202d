// Next.js configuration. better-sqlite3 and Prisma need no settings here: Next
// already keeps them out of the server bundle.
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // One copy of MiniSearch for the whole server: the index is built by the start-up
  // hook (instrumentation.ts) and queried by pages, which Next bundles separately;
  // with two copies, MiniSearch.wildcard (a Symbol) would not match across them.
  serverExternalPackages: ["minisearch"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          // Feed text is rendered as text and the API answers JSON; make sure browsers never guess otherwise.
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          // Older browsers that ignore the CSP's frame-ancestors (set per request in proxy.ts): never in a frame.
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
