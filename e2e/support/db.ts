import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";

type Reader = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

/**
 * Runs `fn` with one read-only connection to the e2e server's database. A fingerprint reads ~25 tables around
 * every refused request: one PostgreSQL connection (and its SCRAM handshake) per table made the isolation
 * matrix ten times slower on PostgreSQL than on SQLite.
 */
async function withReader<R>(fn: (read: Reader) => Promise<R>): Promise<R> {
  const url = process.env.E2E_DATABASE_URL_IN_USE!;
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length), { readonly: true, fileMustExist: true });
    try {
      return await fn(
        async <T>(sql: string, params: unknown[] = []) => db.prepare(sql.replace(/\$\d+/g, "?")).all(...params) as T[],
      );
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[]);
  } finally {
    await client.end();
  }
}

/** Read-only access to the e2e server's database, to prove what a request did or did not write. */
export async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return withReader((read) => read<T>(sql, params));
}

/**
 * Tables whose rows a refused request must leave alone, fingerprinted whole or in the columns named; ApiToken
 * without lastUsedAt (reads touch it). Left out: what moves on its own while a spec runs (sessions, login
 * attempts and throttles, the outbox, notifications and deliveries the jobs fan out, job leases, CRLs the
 * job re-signs) — specs that must prove a refusal wrote no event read those tables themselves.
 */
const TABLES: [string, string][] = [
  ["Organization", "*"],
  ["User", "*"],
  ["Identifier", "*"],
  ["Connection", "*"],
  ["Asset", "*"],
  ["AssetVersion", "*"],
  ["Review", "*"],
  ["CertificateAuthority", "id, slot, source"],
  ["MfaRecoveryCode", "*"],
  ["AuditEvent", "*"],
  ["ApiToken", 'id, "userId", name, "tokenHash", "revokedAt"'],
  // Webhooks without their failure counters (the delivery job moves them); contacts whole.
  ["Webhook", 'id, "organizationId", url, events, "encryptedSecret"'],
  ["NotificationContact", "*"],
  ["EndpointProbe", "*"],
  ["ProbeThrottle", '"connectionId" AS id, "lastStartedAt"'],
  ["OrganizationDomain", "*"],
  ["StaffGrant", "*"],
  ["PublicationRequest", "*"],
  ["PublicationTarget", "*"],
  ["Campaign", "*"],
  ["CaChange", "*"],
  ["Revocation", "*"],
  ["NotificationSetting", '"userId" AS id, "emailOffTopics", digest, "updatedAt"'],
];

/**
 * A fingerprint of everything a refused request must leave alone (including the audit trail). `withoutAudit`
 * leaves the audit trail out, for refusals that are themselves audited (separation of duties).
 */
export async function fingerprint(options: { withoutAudit?: boolean } = {}): Promise<string> {
  const hash = createHash("sha256");
  await withReader(async (read) => {
    for (const [table, columns] of TABLES) {
      if (options.withoutAudit && table === "AuditEvent") continue;
      const rows = await read(`SELECT ${columns} FROM "${table}" ORDER BY id`);
      hash
        .update(table)
        .update(
          JSON.stringify(rows, (_k, v) =>
            typeof v === "bigint" ? v.toString() : Buffer.isBuffer(v) ? v.toString("base64") : v,
          ),
        );
    }
  });
  return hash.digest("hex");
}

/**
 * A handle a spec keeps open across many reads (row counts, per-table fingerprints, integrity queries) on the e2e
 * database or one a spec created: SQLite read-only, PostgreSQL through one pg client.
 */
export type Row = Record<string, unknown>;
export interface TestDb {
  readonly kind: "sqlite" | "postgresql";
  /** Parameters as `?` (SQLite) or `$1…` (PostgreSQL): write the SQL for `kind`, or use `q()` below. */
  all(sql: string, params?: unknown[]): Promise<Row[]>;
  tables(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openTestDb(url: string | undefined): Promise<TestDb> {
  if (!url) throw new Error("no database URL (E2E_DATABASE_URL_IN_USE is set by e2e/support/global-setup.ts)");
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length), { readonly: true, fileMustExist: true });
    db.pragma("busy_timeout = 5000");
    return {
      kind: "sqlite",
      all: async (sql, params = []) => db.prepare(sql).all(...(params as never[])) as Row[],
      tables: async () =>
        (
          db
            .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
            .all() as { name: string }[]
        ).map((r) => r.name),
      close: async () => void db.close(),
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    kind: "postgresql",
    all: async (sql, params = []) => (await client.query(sql, params)).rows as Row[],
    tables: async () =>
      (
        await client.query(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
        )
      ).rows.map((r: { name: string }) => r.name),
    close: () => client.end(),
  };
}

/** `?` placeholders rewritten to `$n` for PostgreSQL, so one SQL text serves both. */
export function q(db: TestDb, sql: string): string {
  if (db.kind === "sqlite") return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export async function countRows(db: TestDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await db.tables())
    counts[table] = Number((await db.all(`SELECT COUNT(*) AS n FROM "${table}"`))[0]!.n);
  return counts;
}

/**
 * SHA-256 of every row of a table (ordered by id), leaving out the named columns: two equal fingerprints
 * mean no row was added, removed or changed apart from those columns.
 */
export async function tableFingerprint(db: TestDb, table: string, ignoreColumns: string[] = []): Promise<string> {
  const rows = await db.all(`SELECT * FROM "${table}"`);
  const canon = rows
    .map((row) =>
      JSON.stringify(
        Object.keys(row)
          .sort()
          .filter((k) => !ignoreColumns.includes(k))
          .map((k) => [
            k,
            row[k] instanceof Date
              ? (row[k] as Date).toISOString()
              : Buffer.isBuffer(row[k])
                ? (row[k] as Buffer).toString("base64")
                : row[k],
          ]),
      ),
    )
    .sort();
  return createHash("sha256").update(canon.join("\n")).digest("hex");
}
