import { FORM_BODY_LIMIT_BYTES } from "./lib/http/form-body.mjs";
import { apiSecurityHeaders } from "./lib/http/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets benchmarks and parallel test runs build side by side without overwriting each other's .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // The API answers without the proxy (proxy.ts): its security headers come from here.
  headers: async () => apiSecurityHeaders(),
  // Native and driver modules stay outside the server bundle; so do the logger and the metrics client, whose
  // process-wide state scripts/serve.mjs shares with the app (lib/observe/runtime.mjs).
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "pino",
    "prom-client",
    "piscina",
  ],
  experimental: {
    // scripts/serve.mjs refuses larger form posts itself (413, or 411 without a length): Next would answer a 500.
    serverActions: { bodySizeLimit: FORM_BODY_LIMIT_BYTES },
    // forbidden() answers 403 from pages a role may not use (the services refuse the action anyway).
    authInterrupts: true,
  },
};

export default nextConfig;
