// `npm start`: everything a fresh clone needs to serve the portal on the embedded SQLite default.
// 1. an auth secret (NEXTAUTH_SECRET, or one generated once and kept in data/auth-secret),
// 2. migrations and the first admin (scripts/prepare.ts),
// 3. a production build when none exists (`npm run build` rebuilds after code changes),
// 4. scripts/serve.mjs (Next's handler with request ids, JSON logs and metrics) on PORT (default 3000).
import { spawnSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { ensureAuthSecret } from "./auth-secret.mjs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env };
env.PORT ??= "3000";
env.HOSTNAME ??= "0.0.0.0";
env.NEXTAUTH_URL ??= `http://localhost:${env.PORT}`;

ensureAuthSecret(root, env);

function run(args, label) {
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`[portal] ${label} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

run(["--conditions=react-server", "--import", "tsx", "scripts/prepare.ts"], "database preparation");

const nextBin = path.join(root, "node_modules/next/dist/bin/next");
if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
  console.log("[portal] no production build yet: building (about two minutes, once)");
  run([nextBin, "build"], "build");
}

console.log(`[portal] serving on http://localhost:${env.PORT}`);
const server = spawn(process.execPath, [path.join(root, "scripts/serve.mjs"), "-p", env.PORT, "-H", env.HOSTNAME], {
  cwd: root,
  env,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
