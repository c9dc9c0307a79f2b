import "server-only";
import path from "node:path";

export type DatabaseConfig = { provider: "sqlite"; file: string } | { provider: "postgresql"; url: string };

/**
 * Which database this instance uses. `DATABASE_URL` unset → the embedded SQLite default under `data/`;
 * `postgresql://…` → PostgreSQL (the multi-instance option); `file:…` → SQLite at that path.
 */
export function databaseConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { provider: "sqlite", file: path.join(cwd, "data", "portal.db") };
  if (url.startsWith("postgresql://") || url.startsWith("postgres://")) return { provider: "postgresql", url };
  if (url.startsWith("file:")) return { provider: "sqlite", file: path.resolve(cwd, url.slice("file:".length)) };
  throw new Error("DATABASE_URL must start with postgresql://, postgres:// or file:");
}
