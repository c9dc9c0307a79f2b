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

/** Tables whose every row and column is fingerprinted; ApiToken without lastUsedAt (reads touch it). */
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
