// Bulk seed for the readiness-board benchmark (bench/http.ts): N identifiers × 2 environments × 4 assets,
// written straight into the database with Prisma createMany (no services, no audit), after seed-demo ran.
// Rows copy the report, findings and PEM of the demo's own versions of the same kind, so what the board
// parses and renders has the real size and shape. Run with the app's conditions:
//   DATABASE_URL=… node --conditions=react-server --import tsx bench/http/seed-board.ts [identifiers]
// Prints one JSON line with the counts.
import { randomUUID } from "node:crypto";
import { databaseConfig } from "@/lib/server/db/config";
import { createDb } from "@/lib/server/db/client";

const IDENTIFIERS = Number(process.argv[2] ?? process.env.BENCH_BOARD_IDENTIFIERS ?? 1250);
const ORGANIZATIONS = Math.max(1, Math.ceil(IDENTIFIERS / 25));
const BATCH = 500;

type Plan = { kind: string; direction: "CUSTOMER_TO_THALES" | "THALES_TO_CUSTOMER"; byThales: boolean };
const D1_ASSETS: Plan[] = [
  { kind: "CUSTOMER_CSR", direction: "CUSTOMER_TO_THALES", byThales: false },
  { kind: "THALES_CLIENT_CA", direction: "THALES_TO_CUSTOMER", byThales: true },
  { kind: "D1_SERVER_CA_BUNDLE", direction: "THALES_TO_CUSTOMER", byThales: true },
  { kind: "D1_INBOUND_HOST", direction: "THALES_TO_CUSTOMER", byThales: true },
];
const TSH_ASSETS: Plan[] = [
  { kind: "CUSTOMER_TLS_CLIENT_CERTIFICATE", direction: "CUSTOMER_TO_THALES", byThales: false },
  { kind: "TSH_TLS_CLIENT_CERTIFICATE", direction: "THALES_TO_CUSTOMER", byThales: true },
  { kind: "TSH_TLS_SERVER_CERTIFICATE_CHAIN", direction: "THALES_TO_CUSTOMER", byThales: true },
  { kind: "TSH_INBOUND_HOST", direction: "THALES_TO_CUSTOMER", byThales: true },
];
/** Customer uploads go through these histories (oldest first), in rotation; Thales' kinds are published. */
const CUSTOMER_HISTORIES = [
  ["SUBMITTED"],
  ["REJECTED", "SUBMITTED"],
  ["APPROVED"],
  ["WITHDRAWN", "SUBMITTED"],
  ["ISSUED"],
];
const IN_FORCE = new Set(["APPROVED", "ISSUED", "PUBLISHED", "ACKNOWLEDGED"]);

const db = createDb(databaseConfig());
try {
  const started = Date.now();
  const delivery = await db.user.findFirstOrThrow({ where: { role: "THALES_DELIVERY" }, select: { id: true } });
  const customerTemplate = await db.user.findFirstOrThrow({
    where: { role: "CUSTOMER" },
    select: { passwordHash: true },
  });
  // One demo version per kind as the template of every seeded version of that kind.
  const templates = new Map<
    string,
    {
      report: string;
      findings: string;
      normalizedPem: string | null;
      sha256: string;
      notAfter: Date | null;
      host: string | null;
      port: number | null;
      basePath: string | null;
      originalSha256: string | null;
      originalSize: number | null;
      serialHex: string | null;
      subjectSearch: string | null;
      keyPin: string | null;
    }
  >();
  for (const plan of [...D1_ASSETS, ...TSH_ASSETS]) {
    const v = await db.assetVersion.findFirst({
      where: { asset: { kind: plan.kind } },
      orderBy: { createdAt: "desc" },
      select: {
        report: true,
        findings: true,
        normalizedPem: true,
        sha256: true,
        notAfter: true,
        host: true,
        port: true,
        basePath: true,
        originalSha256: true,
        originalSize: true,
        // The lookup columns every version gets from startVersion (search, ENVIRONMENT_MIXUP).
        serialHex: true,
        subjectSearch: true,
        keyPin: true,
      },
    });
    if (!v) throw new Error(`seed-demo left no ${plan.kind} version to copy (run scripts/seed-demo.ts first)`);
    templates.set(plan.kind, v);
  }

  const now = Date.now();
  const orgs = Array.from({ length: ORGANIZATIONS }, (_, i) => ({
    id: randomUUID(),
    name: `Bench Bank ${String(i + 1).padStart(3, "0")}`,
    kind: "CUSTOMER",
  }));
  const users = orgs.map((o, i) => ({
    id: randomUUID(),
    email: `ops${i + 1}@bench-bank.test`,
    name: `Ops ${o.name}`,
    passwordHash: customerTemplate.passwordHash,
    role: "CUSTOMER",
    organizationId: o.id,
  }));
  const identifiers: { id: string; organizationId: string; program: string; value: string; createdAt: Date }[] = [];
  const connections: {
    id: string;
    identifierId: string;
    organizationId: string;
    environment: string;
    expectedCn: string | null;
    createdAt: Date;
  }[] = [];
  const assets: {
    id: string;
    connectionId: string;
    organizationId: string;
    kind: string;
    direction: string;
    currentVersionId: string | null;
    createdAt: Date;
    updatedAt: Date;
  }[] = [];
  const versions: Record<string, unknown>[] = [];
  let n = 0;
  for (let i = 0; i < IDENTIFIERS; i++) {
    const org = orgs[i % ORGANIZATIONS]!;
    const uploader = users[i % ORGANIZATIONS]!;
    const program = ["d1", "d1-ecom", "tsh"][i % 3]!;
    const value = `BENCH${String(i + 1).padStart(5, "0")}`;
    const identifierId = randomUUID();
    const created = new Date(now - (IDENTIFIERS - i) * 60_000);
    identifiers.push({ id: identifierId, organizationId: org.id, program, value, createdAt: created });
    for (const environment of ["PPR", "PRD"]) {
      const connectionId = randomUUID();
      connections.push({
        id: connectionId,
        identifierId,
        organizationId: org.id,
        environment,
        expectedCn: program === "tsh" ? `${value}.${environment}.TLS-CLIENT` : null,
        createdAt: created,
      });
      for (const plan of program === "tsh" ? TSH_ASSETS : D1_ASSETS) {
        const template = templates.get(plan.kind)!;
        const assetId = randomUUID();
        const history = plan.byThales ? ["PUBLISHED"] : CUSTOMER_HISTORIES[n++ % CUSTOMER_HISTORIES.length]!;
        let current: string | null = null;
        history.forEach((state, k) => {
          const id = randomUUID();
          const at = new Date(created.getTime() + (k + 1) * 3_600_000);
          if (IN_FORCE.has(state)) current = id;
          versions.push({
            id,
            assetId,
            organizationId: org.id,
            seq: k + 1,
            state,
            stateChangedAt: at,
            createdAt: at,
            originalSha256: template.originalSha256,
            originalSize: template.originalSize,
            originalFilename: template.originalSha256 ? `${plan.kind.toLowerCase()}.pem` : null,
            normalizedPem: template.normalizedPem,
            host: template.host,
            port: template.port,
            basePath: template.basePath,
            sha256: template.sha256,
            report: template.report,
            serialHex: template.serialHex,
            subjectSearch: template.subjectSearch,
            keyPin: template.keyPin,
            findings: template.findings,
            notAfter: template.notAfter,
            uploadedById: plan.byThales ? delivery.id : uploader.id,
            rejectionReason: state === "REJECTED" ? "Subject O does not match the contract (bench data)." : null,
          });
        });
        assets.push({
          id: assetId,
          connectionId,
          organizationId: org.id,
          kind: plan.kind,
          direction: plan.direction,
          currentVersionId: current,
          createdAt: created,
          updatedAt: created,
        });
      }
    }
  }

  const insert = async <T>(rows: T[], write: (batch: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
  };
  await db.$transaction(
    async (tx) => {
      await insert(orgs, (data) => tx.organization.createMany({ data }));
      await insert(users, (data) => tx.user.createMany({ data }));
      await insert(identifiers, (data) => tx.identifier.createMany({ data }));
      await insert(connections, (data) => tx.connection.createMany({ data }));
      await insert(assets, (data) => tx.asset.createMany({ data }));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await insert(versions, (data) => tx.assetVersion.createMany({ data: data as any }));
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
  // PostgreSQL's autovacuum gathers statistics within a minute of a bulk load like this one; the bench's first
  // scenario would otherwise run on plans made without them (the board page at 3.5 req/s instead of ~20). SQLite
  // is left as the portal runs it: nothing there runs ANALYZE.
  if (databaseConfig().provider === "postgresql") await db.$executeRawUnsafe("ANALYZE");

  const counts = {
    organizations: orgs.length,
    identifiers: identifiers.length,
    connections: connections.length,
    assets: assets.length,
    versions: versions.length,
    totalAssets: await db.asset.count(),
    totalVersions: await db.assetVersion.count(),
    totalConnections: await db.connection.count(),
    ms: Date.now() - started,
  };
  console.log(JSON.stringify(counts));
} finally {
  await db.$disconnect();
}
