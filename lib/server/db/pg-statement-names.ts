import "server-only";
import { createHash } from "node:crypto";

/**
 * How many distinct SQL texts each PostgreSQL connection keeps prepared. The app's hot paths use a few dozen; the
 * bound keeps a connection's server memory bounded however many shapes (IN lists of every length) come by.
 */
export const NAMED_STATEMENT_LIMIT = 128;

/**
 * Names for Prisma's PostgreSQL adapter (`statementNameGenerator`), so that node-postgres prepares a statement once
 * per connection and PostgreSQL may reuse its plan, instead of parsing and planning every query again (decision 035).
 * A text gets a name the second time it is seen (one-off texts take no slot), while fewer than `limit` texts have
 * one; the others stay unnamed, as every query was before. The name is derived from the text, so every connection
 * and every instance agree on it, and two texts never share one.
 */
export function statementNamer(limit = NAMED_STATEMENT_LIMIT): (query: { sql: string }) => string | undefined {
  const names = new Map<string, string>();
  const seen = new Set<string>();
  return ({ sql }) => {
    const name = names.get(sql);
    if (name !== undefined || names.size >= limit) return name;
    if (!seen.has(sql)) {
      // Texts seen once are remembered in a bounded set, emptied when full: a run of one-off texts (IN lists of
      // every length) cannot keep a text that does come back from being named.
      if (seen.size >= 4 * limit) seen.clear();
      seen.add(sql);
      return undefined;
    }
    const named = `portal_${createHash("sha256").update(sql).digest("base64url").slice(0, 32)}`;
    names.set(sql, named);
    seen.delete(sql);
    return named;
  };
}
