/**
 * The argument reading that `portal-check` and `portal-check probe` share: `--name value` options from a fixed list,
 * `--json`, `-h`/`--help` and one positional argument, with the same messages and the same exit code 2 for a
 * usage mistake. What the options mean stays in each command.
 */

/** A usage mistake; an empty message (from --help) prints the usage alone. */
export class UsageError extends Error {}

export type RawArgs = { positional: string | undefined; flags: Map<string, string>; json: boolean };

/**
 * Reads argv (without node, script and subcommand). `equals` also accepts `--name=value` (portal-check does; the
 * probe never has, so `--cert=x` stays an unknown option there).
 */
export function readArgs(argv: readonly string[], options: { names: readonly string[]; equals: boolean }): RawArgs {
  const flags = new Map<string, string>();
  let positional: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json") json = true;
    else if (a === "-h" || a === "--help") throw new UsageError("");
    else if (a.startsWith("--")) {
      const eq = options.equals ? a.indexOf("=") : -1;
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (!options.names.includes(name)) throw new UsageError(`unknown option --${name}`);
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else if (positional === undefined) positional = a;
    else throw new UsageError(`unexpected argument "${a}"`);
  }
  return { positional, flags, json };
}

/** A UsageError becomes its message and the usage on stderr, exit code 2; anything else is not ours to answer. */
export function usageExitCode(error: unknown, usage: string, err: (s: string) => void): number {
  if (!(error instanceof UsageError)) throw error;
  err((error.message ? `portal-check: ${error.message}\n` : "") + usage + "\n");
  return 2;
}
