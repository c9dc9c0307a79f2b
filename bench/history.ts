// `npm run bench:history`: what reading one asset costs as its version history grows (issue 16). A client that
// uploads in a loop gives an asset thousands of versions; every read of it must stay the same size. On a fresh
// SQLite database with the demo data, real CSR uploads (checked and stored by the portal's own service) pile up on
// ACME01 PPR's CSR asset; at each size the asset's reads are timed in process, medians of 9 after 3 warm-ups, with
// the size of their answer as JSON. The reference, in the same run: reading the asset's whole history in one raw
// SQL query, which is what the reads did before they were paged. Prints a table and writes
// bench/results/history-<time>.json. Asserts nothing.
//   npm run bench:history -- [sizes, default 100,1000,3000]
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { migrate } from "@/lib/server/db/migrate";
import { createDb } from "@/lib/server/db/client";
import { seedDemo } from "@/lib/server/seed/demo-data";
import { loadActor } from "@/lib/server/auth/load-actor";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { getAsset } from "@/lib/server/assets/get-asset";
import { getAssetSummary } from "@/lib/server/assets/get-asset-summary";
import { getVersion } from "@/lib/server/assets/get-version";
import { getConnection } from "@/lib/server/connections/get-connection";
import { listConnectionAssets } from "@/lib/server/connections/list-connection-assets";

// Checks on this thread: the bench times reads, and the uploads only build the history.
process.env.PORTAL_CHECK_WORKERS = "0";
process.env.NEXTAUTH_SECRET ??= "bench-history-secret-not-for-production";
const SIZES = (process.argv[2] ?? "100,1000,3000").split(",").map(Number);

const dir = mkdtempSync(path.join(os.tmpdir(), "portal-bench-history-"));
const file = path.join(dir, "portal.db");
const config = { provider: "sqlite" as const, file };
await migrate(config);
const db = createDb(config);
const raw = new Database(file, { readonly: true });
try {
  await seedDemo(db);
  const user = await db.user.findFirstOrThrow({ where: { email: "ops@acme.test" }, select: { id: true } });
  const actor = (await loadActor(db, user.id))!;
  const connection = await db.connection.findFirstOrThrow({
    where: { environment: "PPR", identifier: { value: "ACME01" } },
    select: { id: true },
  });
  // Eight CSRs in rotation, made with openssl as customers do.
  const csrs = Array.from({ length: 8 }, () =>
    execFileSync(
      "openssl",
      [
        ...["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "/dev/null"],
        ...["-subj", "/C=FR/ST=Ile-de-France/L=Paris/O=Acme Bank/OU=Card Payments/CN=TLSMA-ECDSA\\/ACME01\\/D1.PPR"],
      ],
      { stdio: ["ignore", "pipe", "ignore"] },
    ).toString(),
  );
  let uploaded = 0;
  let assetId = "";
  let first = "";
  let newest = "";
  const rows: { versions: number; read: string; ms: number; kB: number }[] = [];
  const time = async (versions: number, read: string, work: () => Promise<unknown> | unknown) => {
    for (let i = 0; i < 3; i++) await work();
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 9; i++) {
      const t0 = performance.now();
      const answer = await work();
      ms.push(performance.now() - t0);
      bytes = JSON.stringify(answer).length;
    }
    ms.sort((a, b) => a - b);
    rows.push({ versions, read, ms: Number(ms[4]!.toFixed(2)), kB: Number((bytes / 1000).toFixed(1)) });
  };
  for (const size of SIZES) {
    for (; uploaded < size; uploaded++) {
      const up = await uploadAsset({
        db,
        actor,
        connectionId: connection.id,
        kind: "CUSTOMER_CSR",
        content: { file: csrs[uploaded % csrs.length]! },
        confirmWarnings: true,
      });
      if (up.status !== "stored") throw new Error(`upload ${uploaded}: ${up.status}`);
      assetId = up.assetId;
      first ||= up.versionId;
      newest = up.versionId;
    }
    const versions = (await db.assetVersion.count({ where: { assetId } })) as number;
    await time(versions, "connection page (getConnection)", () =>
      getConnection({ db, actor, connectionId: connection.id }),
    );
    await time(versions, "GET /api/v1/assets/{id} (getAsset, first page)", () => getAsset({ db, actor, assetId }));
    await time(versions, "GET /api/v1/connections/{id}/assets", () =>
      listConnectionAssets({ db, actor, connectionId: connection.id }),
    );
    await time(versions, "version page (getVersion, newest)", () => getVersion({ db, actor, versionId: newest }));
    await time(versions, "a download's lookup of the first version", () =>
      getAssetSummary({ db, actor, assetId, versionId: first }),
    );
    const whole = raw.prepare(`SELECT * FROM "AssetVersion" WHERE "assetId" = ? ORDER BY seq DESC`);
    await time(versions, "reference: the whole history, one raw query", () => whole.all(assetId));
  }
  const load = os.loadavg().map((l) => l.toFixed(2));
  console.log(`\nReads of one asset by the size of its history (SQLite, in process; load average ${load.join(" ")})`);
  const reads = [...new Set(rows.map((r) => r.read))];
  const sizes = [...new Set(rows.map((r) => r.versions))];
  console.log(`| read | ${sizes.map((s) => `${s} versions`).join(" | ")} |`);
  console.log(`|---|${sizes.map(() => "---").join("|")}|`);
  for (const read of reads)
    console.log(
      `| ${read} | ${sizes
        .map((s) => rows.find((r) => r.read === read && r.versions === s)!)
        .map((r) => `${r.ms} ms, ${r.kB} kB`)
        .join(" | ")} |`,
    );
  const out = {
    bench: "history",
    at: new Date().toISOString(),
    loadAverage: os.loadavg(),
    node: process.version,
    rows,
  };
  const results = path.resolve(import.meta.dirname, "results");
  mkdirSync(results, { recursive: true });
  const target = path.join(results, `history-${out.at.replace(/[:.]/g, "-").slice(0, 19)}.json`);
  writeFileSync(target, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nJSON (also in ${path.relative(process.cwd(), target)}):\n${JSON.stringify(out)}`);
} finally {
  raw.close();
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
}
