// Generates the two Prisma clients (SQLite and PostgreSQL) from the one schema in prisma/schema.prisma.
// Prisma allows one provider per generated client, so the PostgreSQL schema is derived by swapping the
// datasource provider and the output folder; models stay identical (docs/decisions/001-database.md).
// Prisma's schema-engine binary cannot be downloaded here and `generate` does not need it, but the CLI
// checks that the file exists: point it at any existing file.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "prisma/schema.prisma");
const generatedDir = path.join(root, "lib/server/generated");
mkdirSync(generatedDir, { recursive: true });

const sqlite = readFileSync(source, "utf8");
const postgres = sqlite
  .replace('provider = "sqlite"', 'provider = "postgresql"')
  .replace('output   = "../lib/server/generated/sqlite"', 'output   = "./postgresql"');
if (postgres === sqlite) throw new Error("prisma-generate: could not derive the PostgreSQL schema");
const postgresSchema = path.join(generatedDir, "schema.postgresql.prisma");
writeFileSync(postgresSchema, postgres);

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const cli = path.join(root, "node_modules/prisma/build/index.js");
for (const schema of [source, postgresSchema]) {
  execFileSync(process.execPath, [cli, "generate", "--schema", schema], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
}
console.log("prisma-generate: SQLite and PostgreSQL clients generated in lib/server/generated/");
