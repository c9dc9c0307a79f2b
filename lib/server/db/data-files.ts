import "server-only";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";

/**
 * Owner-only permissions for what the portal keeps on disk: the data folder 0700, the SQLite database
 * (and its -wal/-shm companions) and secret files 0600, both when they are created and when they exist
 * already with looser modes (an old install, a restored backup). Nothing here widens a mode.
 */
export const DIRECTORY_MODE = 0o700;
export const FILE_MODE = 0o600;

/** The default data folder: `<cwd>/data`. */
export function defaultDataDir(cwd = process.cwd()): string {
  return path.join(cwd, "data");
}

/**
 * Creates a folder 0700. An existing folder is tightened only when it is the portal's own data folder:
 * a database placed elsewhere (DATABASE_URL=file:/srv/…) lives in a folder the operator chose.
 */
export function secureDirectory(dir: string, cwd = process.cwd()): void {
  const created = !existsSync(dir);
  if (created) mkdirSync(dir, { recursive: true, mode: DIRECTORY_MODE });
  if (created || path.resolve(dir) === path.resolve(defaultDataDir(cwd))) chmodSync(dir, DIRECTORY_MODE);
}

/** Makes (empty, 0600) or tightens a file; with `create: false` only tightens one that exists. */
export function secureFile(file: string, options: { create?: boolean } = {}): void {
  if (!existsSync(file)) {
    if (!options.create) return;
    closeSync(openSync(file, "a", FILE_MODE));
  }
  chmodSync(file, FILE_MODE);
}

/** Before SQLite opens its file: folder, database and journal files owner-only. */
export function secureSqliteFiles(file: string, cwd = process.cwd()): void {
  secureDirectory(path.dirname(file), cwd);
  secureFile(file, { create: true });
  for (const suffix of ["-wal", "-shm", "-journal"]) secureFile(file + suffix);
}
