import "server-only";
import { readFileSync } from "node:fs";
import { generateDevelopmentCa, loadCa, parseCertificate, type LoadedCa } from "@/lib/pki";
import type { Db } from "../db/client";
import { newId } from "../ids";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/guards";
import type { Actor } from "../actor";
import { decryptKey, encryptKey } from "./key-encryption";

const SLOT = "signing";

/** Public facts about the CA in use: what the admin page and downloads show. Never the key. */
export type CaInfo = { id: string; source: string; certificatePem: string; createdAt: Date };

/**
 * The CA that signs customer client certificates. On first use it is taken from PORTAL_CA_CERT_FILE /
 * PORTAL_CA_KEY_FILE (PKCS#8, optionally encrypted with PORTAL_CA_KEY_PASSPHRASE), or a development CA is
 * generated. Either way it is stored once in the database, key encrypted, so every instance signs with
 * the same CA; the unique slot makes two instances racing here harmless (the loser re-reads).
 */
export async function getSigningCaInfo(db: Db, now = new Date()): Promise<CaInfo> {
  const existing = await db.certificateAuthority.findUnique({
    where: { slot: SLOT },
    select: { id: true, source: true, certificatePem: true, createdAt: true },
  });
  if (existing) return existing;
  const { certificatePem, privateKeyPem, source } = initialCa(now);
  try {
    const id = newId();
    await db.$transaction(async (tx) => {
      await tx.certificateAuthority.create({
        data: { id, slot: SLOT, certificatePem, encryptedKey: encryptKey(privateKeyPem), source },
      });
      const parsed = parseCertificate(new TextEncoder().encode(certificatePem));
      await recordAudit(tx, {
        action: "ca.initialized",
        organizationId: null,
        target: { type: "CertificateAuthority", id },
        details: { source, sha256: parsed.ok ? parsed.value.sha256 : undefined },
      });
    });
  } catch {
    // Another instance stored one first: use theirs.
  }
  return db.certificateAuthority.findUniqueOrThrow({
    where: { slot: SLOT },
    select: { id: true, source: true, certificatePem: true, createdAt: true },
  });
}

function initialCa(now: Date): { certificatePem: string; privateKeyPem: string; source: string } {
  const certFile = process.env.PORTAL_CA_CERT_FILE;
  const keyFile = process.env.PORTAL_CA_KEY_FILE;
  if (certFile && keyFile) {
    const certificatePem = readFileSync(certFile, "utf8");
    const loaded = loadCa({
      certificatePem,
      privateKeyPem: readFileSync(keyFile, "utf8"),
      passphrase: process.env.PORTAL_CA_KEY_PASSPHRASE,
    });
    if (!loaded.ok)
      throw new Error(`PORTAL_CA_* files cannot be used: ${loaded.findings.map((f) => f.message).join(" ")}`);
    // Store the key unencrypted-PKCS#8 inside our own encryption, so no passphrase is needed later.
    const privateKeyPem = loaded.ca.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    return { certificatePem, privateKeyPem, source: "configured" };
  }
  const dev = generateDevelopmentCa({
    keyType: "ec-p256",
    subject: "/C=FR/O=Thales DIS/OU=TLS Onboarding Portal/CN=Thales Portal Development Client CA",
    now,
    validityYears: 10,
  });
  return { ...dev, source: "development" };
}

/** The CA with its private key, for signing only. Callers audit every use. */
export async function loadSigningCa(db: Db, now = new Date()): Promise<{ info: CaInfo; ca: LoadedCa }> {
  const info = await getSigningCaInfo(db, now);
  const row = await db.certificateAuthority.findUniqueOrThrow({
    where: { id: info.id },
    select: { encryptedKey: true },
  });
  const loaded = loadCa({ certificatePem: info.certificatePem, privateKeyPem: decryptKey(row.encryptedKey) });
  if (!loaded.ok) throw new Error("The stored CA cannot be loaded");
  return { info, ca: loaded.ca };
}

/** The CA page's use case: who may see the CA in use (certificate and source, never the key). */
export async function showSigningCa({ db, actor }: { db: Db; actor: Actor }): Promise<CaInfo> {
  requirePermission(actor, "ca:read");
  return getSigningCaInfo(db);
}
