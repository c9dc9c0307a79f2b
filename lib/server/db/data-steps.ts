import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { decodeInput } from "@/lib/pki";
import { lookupColumns } from "../assets/version-record";

/**
 * Data steps: migration work SQL cannot do because it needs the PKI parser. A migration names one on a line
 * `-- portal:data-step <name>`; the migrator runs the SQL before that line, then the step, then the rest,
 * all in the migration's transaction, so the step runs exactly once per database. Steps only touch rows
 * still needing them, so running one again changes nothing. Under `prisma migrate deploy` the line is a
 * comment and the SQL alone still leaves the database safe (bytes dropped), only without digests.
 */
export type StepSql = {
  provider: "sqlite" | "postgresql";
  /** Positional parameters as `?`; the PostgreSQL driver rewrites them to $1, $2… */
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
};

export type DataStep = (sql: StepSql, now: Date) => Promise<void>;

const BATCH = 200;

/**
 * 0006: the digest and size of each stored upload replace its bytes. The bytes are rescanned with the current
 * private key detector: a version whose upload held a key gets an audit event (no key material, just the fact)
 * so the customer and Thales learn that key must be replaced. The next SQL statement drops the bytes.
 */
async function scrubOriginalUploads(sql: StepSql, now: Date): Promise<void> {
  const timestamp = sql.provider === "sqlite" ? now.toISOString().replace("Z", "+00:00") : now;
  for (;;) {
    const rows = await sql.all<{ id: string; organizationId: string; originalBytes: Uint8Array }>(
      `SELECT "id", "organizationId", "originalBytes" FROM "AssetVersion" WHERE "originalBytes" IS NOT NULL AND "originalSha256" IS NULL ORDER BY "id" LIMIT ${BATCH}`,
    );
    if (rows.length === 0) return;
    for (const row of rows) {
      const bytes = new Uint8Array(row.originalBytes);
      const digest = createHash("sha256").update(bytes).digest("hex");
      await sql.run(`UPDATE "AssetVersion" SET "originalSha256" = ?, "originalSize" = ? WHERE "id" = ?`, [
        digest,
        bytes.length,
        row.id,
      ]);
      if (!decodeInput(bytes).privateKeyDetected) continue;
      const details = JSON.stringify({
        reason:
          "The stored upload of this version contained a private key. The upload's bytes were deleted; the key must be treated as compromised and replaced.",
      });
      await sql.run(
        `INSERT INTO "AuditEvent" ("id", "createdAt", "action", "organizationId", "targetType", "targetId", "details") VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [randomUUID(), timestamp, "asset.private-key-purged", row.organizationId, "AssetVersion", row.id, details],
      );
    }
  }
}

/** Visits every version's stored report, walked by id (hosts too: a version with nothing to fill is passed once). */
async function eachStoredReport(sql: StepSql, visit: (row: { id: string; report: string }) => Promise<void>) {
  let after = "";
  for (;;) {
    const rows = await sql.all<{ id: string; report: string }>(
      `SELECT "id", "report" FROM "AssetVersion" WHERE "id" > ? ORDER BY "id" LIMIT ${BATCH}`,
      [after],
    );
    if (rows.length === 0) return;
    for (const row of rows) await visit(row);
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * 0021: the search columns of versions stored before them, from each stored report by the code that fills them
 * on every new version (lookupColumns).
 */
async function fillSearchColumns(sql: StepSql): Promise<void> {
  await eachStoredReport(sql, async (row) => {
    const { serialHex, subjectSearch } = lookupColumns(row.report);
    if (serialHex !== null || subjectSearch !== null)
      await sql.run(`UPDATE "AssetVersion" SET "serialHex" = ?, "subjectSearch" = ? WHERE "id" = ?`, [
        serialHex,
        subjectSearch,
        row.id,
      ]);
  });
}

/** 0024: the key pin of versions stored before it (ENVIRONMENT_MIXUP's lookup), the same way. */
async function fillKeyPins(sql: StepSql): Promise<void> {
  await eachStoredReport(sql, async (row) => {
    const { keyPin } = lookupColumns(row.report);
    if (keyPin !== null) await sql.run(`UPDATE "AssetVersion" SET "keyPin" = ? WHERE "id" = ?`, [keyPin, row.id]);
  });
}

export const DATA_STEPS: Record<string, DataStep> = {
  "scrub-original-uploads": scrubOriginalUploads,
  "fill-search-columns": fillSearchColumns,
  "fill-key-pins": fillKeyPins,
};

const MARKER = /^-- portal:data-step ([a-z0-9-]+)\s*$/;

/** A migration's SQL cut at its data-step lines: SQL, step, SQL, … Unknown step names throw. */
export function splitAtDataSteps(sqlText: string): ({ sql: string } | { step: DataStep; name: string })[] {
  const parts: ({ sql: string } | { step: DataStep; name: string })[] = [];
  let current: string[] = [];
  for (const line of sqlText.split("\n")) {
    const m = MARKER.exec(line);
    if (!m) {
      current.push(line);
      continue;
    }
    const step = DATA_STEPS[m[1]!];
    if (!step) throw new Error(`Unknown data step ${m[1]} in a migration.`);
    parts.push({ sql: current.join("\n") }, { step, name: m[1]! });
    current = [];
  }
  parts.push({ sql: current.join("\n") });
  return parts.filter((p) => !("sql" in p) || p.sql.trim() !== "");
}
