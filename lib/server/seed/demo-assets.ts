import "server-only";
import { X509Certificate } from "node:crypto";
import { rootCertificates } from "node:tls";
import { generateDevelopmentCa } from "@/lib/pki";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { loadActor } from "../auth/load-actor";
import { createIdentifier } from "../identifiers/create-identifier";
import { setExpectedCn } from "../identifiers/set-expected-cn";
import { uploadAsset, type UploadContent } from "../assets/upload-asset";
import { approveVersion } from "../assets/approve-version";
import { rejectVersion } from "../assets/reject-version";
import { issueCertificate } from "../assets/issue-certificate";
import { publishAsset, type PublishAssetOptions, type PublishContent } from "../assets/publish-asset";
import { decidePublication } from "../publications/decide-publication";
import { acknowledgeVersion } from "../assets/acknowledge-version";
import type { AssetKind } from "@/lib/assets/kinds";
import { demoCsr, demoSelfSignedClient, demoServerChain } from "./demo-pki";

/** Mozilla-store roots whose subject matches, as PEM (e.g. the Amazon roots D1's server chains up to). */
function storeRoots(match: RegExp): string {
  return rootCertificates.filter((pem) => match.test(new X509Certificate(pem).subject)).join("\n");
}

type Actors = Record<"admin" | "delivery1" | "delivery2" | "acme" | "globex", Actor>;

async function connectionId(db: Db, identifier: string, environment: "PPR" | "PRD"): Promise<string> {
  const row = await db.connection.findFirstOrThrow({
    where: { environment, identifier: { value: identifier } },
    select: { id: true },
  });
  return row.id;
}

async function upload(
  db: Db,
  actor: Actor,
  connection: string,
  kind: AssetKind,
  content: UploadContent,
): Promise<string> {
  const result = await uploadAsset({ db, actor, connectionId: connection, kind, content, confirmWarnings: true });
  if (result.status !== "stored")
    throw new Error(`demo upload of ${kind} was ${result.status}: ${result.findings.map((f) => f.code).join(", ")}`);
  return result.versionId;
}

/**
 * The demo's exchanges, made through the same services the UI and API use, so every row, state and
 * audit event is one the portal could have produced: several connections at different stages.
 */
export async function seedDemoAssets(db: Db, emails: Record<keyof Actors, string>, now = new Date()): Promise<boolean> {
  if ((await db.identifier.count()) > 0) return false;
  const actors = {} as Actors;
  for (const [key, email] of Object.entries(emails) as [keyof Actors, string][]) {
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    actors[key] = (await loadActor(db, user.id))!;
  }
  const { admin, delivery1, delivery2, acme, globex } = actors;
  const org = async (name: string) =>
    (await db.organization.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;
  const identifiers = [
    ["Acme Bank", "d1", "ACME01"],
    ["Acme Bank", "tsh", "ACME-TSH"],
    ["Globex Pay", "d1-ecom", "GLOBEX9"],
  ] as const;
  for (const [organization, program, value] of identifiers)
    await createIdentifier({ db, actor: admin, input: { organizationId: await org(organization), program, value } });
  for (const env of ["PPR", "PRD"] as const) {
    await setExpectedCn({
      db,
      actor: admin,
      connectionId: await connectionId(db, "ACME-TSH", env),
      expectedCn: `ACME-TSH.${env}.TLS-CLIENT`,
    });
  }

  // Thales side: what every connection of a program gets, per environment.
  const thalesClientCa = generateDevelopmentCa({
    keyType: "ec-p384",
    subject: "/C=FR/O=Thales DIS/OU=Demo/CN=Thales Client CA (demo)",
    now,
    validityYears: 10,
  }).certificatePem;
  const tshClientCa = generateDevelopmentCa({
    keyType: "ec-p256",
    subject: "/C=FR/O=Thales DIS/OU=Demo/CN=Thales TSH Client CA (demo)",
    now,
    validityYears: 10,
  }).certificatePem;
  const amazonRoots = storeRoots(/CN=Amazon Root CA/);
  const digicert = storeRoots(/CN=DigiCert High Assurance EV Root CA/);
  // Production publications wait for a second person: the other delivery user approves each.
  const publish = async (options: Omit<PublishAssetOptions, "db">) => {
    const result = await publishAsset({ db, ...options });
    if (!result.ok)
      throw new Error(`demo publication of ${options.kind} refused: ${result.findings.map((f) => f.code).join(", ")}`);
    if (result.state === "PENDING")
      await decidePublication({
        db,
        actor: options.actor.id === delivery1.id ? delivery2 : delivery1,
        requestId: result.requestId,
        decision: "APPROVE",
      });
  };
  for (const env of ["PPR", "PRD"] as const) {
    const d1 = [await connectionId(db, "ACME01", env), await connectionId(db, "GLOBEX9", env)];
    const tsh = [await connectionId(db, "ACME-TSH", env)];
    const host = env === "PPR" ? "preprod" : "prod";
    // Who publishes what where: one row per publication, in this order.
    const publications: [Actor, AssetKind, string[], PublishContent][] = [
      [delivery1, "THALES_CLIENT_CA", d1, { file: thalesClientCa, filename: "thales-client-ca.pem" }],
      [delivery1, "D1_SERVER_CA_BUNDLE", d1, { file: amazonRoots, filename: "amazon-roots.pem" }],
      [delivery1, "D1_INBOUND_HOST", d1, { host: `${host}.d1.thales-demo.example`, basePath: "/api/v1" }],
      [delivery2, "TSH_TLS_CLIENT_CERTIFICATE", tsh, { file: tshClientCa, filename: "tsh-client-ca.pem" }],
      [delivery2, "TSH_TLS_SERVER_CERTIFICATE_CHAIN", tsh, { file: digicert, filename: "tsh-server-chain.pem" }],
      [delivery2, "TSH_INBOUND_HOST", tsh, { host: `${host}.tsh.thales-demo.example`, basePath: "/tsh" }],
    ];
    for (const [actor, kind, connectionIds, content] of publications)
      await publish({ actor, kind, connectionIds, content });
  }

  // Acme D1 PreProd: nearly live. CSR approved and signed, server chain and host approved.
  const acmePpr = await connectionId(db, "ACME01", "PPR");
  const dn = (env: string) =>
    `C=FR, ST=Ile-de-France, L=Paris, O=Acme Bank, OU=Card Payments, CN=TLSMA-ECDSA/ACME01/D1.${env}`;
  const csr = await upload(db, acme, acmePpr, "CUSTOMER_CSR", {
    file: await demoCsr(dn("PPR")),
    filename: "acme-ppr.csr",
  });
  await approveVersion({ db, actor: delivery1, versionId: csr });
  await issueCertificate({ db, actor: delivery1, versionId: csr });
  const chain = await upload(db, acme, acmePpr, "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN", {
    file: await demoServerChain("Acme Bank", "d1-callback.ppr.acme-bank.example", now),
    filename: "acme-server-chain.pem",
  });
  await approveVersion({ db, actor: delivery2, versionId: chain });
  const host = await upload(db, acme, acmePpr, "ISSUER_HOST", { host: "d1-callback.ppr.acme-bank.example", port: 443 });
  await approveVersion({ db, actor: delivery1, versionId: host });
  const published = await db.asset.findFirstOrThrow({
    where: { connectionId: acmePpr, kind: "THALES_CLIENT_CA" },
    select: { currentVersionId: true },
  });
  await acknowledgeVersion({ db, actor: acme, versionId: published.currentVersionId! });

  // Acme D1 Production: CSR with one of the two approvals it needs.
  const prdCsr = await upload(db, acme, await connectionId(db, "ACME01", "PRD"), "CUSTOMER_CSR", {
    file: await demoCsr(dn("PRD")),
    filename: "acme-prd.csr",
  });
  await approveVersion({ db, actor: delivery1, versionId: prdCsr });

  // Acme TSH PreProd: a self-signed client certificate waiting for review.
  await upload(db, acme, await connectionId(db, "ACME-TSH", "PPR"), "CUSTOMER_TLS_CLIENT_CERTIFICATE", {
    file: await demoSelfSignedClient("ACME-TSH.PPR.TLS-CLIENT", now, 700),
    filename: "acme-tsh-ppr.pem",
  });

  // Globex eCom PreProd: a CSR Thales rejected, with the reason the customer reads.
  const globexCsr = await upload(db, globex, await connectionId(db, "GLOBEX9", "PPR"), "CUSTOMER_CSR", {
    file: await demoCsr("C=US, ST=Delaware, L=Wilmington, O=Globex Pay Inc, OU=Gateway, CN=TLSMA-ECDSA/GLOBEX9/D1.PPR"),
    filename: "globex.csr",
  });
  await rejectVersion({
    db,
    actor: delivery2,
    versionId: globexCsr,
    reason: "O does not match the contract: use O=Globex Pay Corporation, as registered with Thales.",
  });
  return true;
}
