// The frame of `npm run backup -- <file>` and `npm run restore -- <file>`: the file argument, then one line on failure.
import path from "node:path";
import { isAppError } from "@/lib/server/errors";

/**
 * Runs `command` on the file named by the first argument (npm runs scripts from the package folder; a relative path
 * means the caller's folder, INIT_CWD). Without one: the usage line and exit code 2; if it throws: `[portal] <failed>:`
 * and the reason, exit code 1.
 */
export async function databaseFileCommand(
  usage: string,
  failed: string,
  command: (file: string) => Promise<void>,
): Promise<void> {
  const given = process.argv[2];
  const file = given ? path.resolve(process.env.INIT_CWD ?? process.cwd(), given) : undefined;
  if (!file) {
    console.error(`Usage: ${usage}`);
    process.exit(2);
  }
  try {
    await command(file);
  } catch (error) {
    const reason = isAppError(error) ? error.userMessage : error instanceof Error ? error.message : String(error);
    console.error(`[portal] ${failed}: ${reason}`);
    process.exit(1);
  }
}
