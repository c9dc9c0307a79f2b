import "server-only";
import {
  decodeInput,
  exportPemBundle,
  exportPkcs7,
  TRUST_STORE_FILES,
  trustStorePasswordProblem,
  writeTrustStore,
} from "@/lib/pki";
import { KINDS, downloadable } from "@/lib/assets/kinds";
import { downloadOffered } from "@/lib/assets/lifecycle";
import { DOWNLOAD_FORMATS, type DownloadFormat } from "@/lib/assets/download-formats";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { loadVersion } from "./load-version";

export type { DownloadFormat } from "@/lib/assets/download-formats";
export type DownloadFile = { filename: string; contentType: string; body: Uint8Array | string };

/**
 * A version as a file with a name that says what it is, e.g. `client-certificate-ACME01-PRD-v2.pem`.
 * `pem` is the leaf (or CSR, or the whole bundle for CA bundles), `pem-chain` leaf → root, `der` the leaf
 * alone, `p7b` certs-only PKCS#7, `p12`/`jks` a trust store of every certificate of the version (trusted
 * entries, password `changeit` unless given); hosts come as text. Every download is audited.
 */
export async function downloadVersion({
  db,
  actor,
  versionId,
  format,
  password,
  origin,
}: {
  db: Db;
  actor: Actor;
  versionId: string;
  format: DownloadFormat;
  password?: string;
  origin?: RequestOrigin;
}): Promise<DownloadFile> {
  const passwordProblem = password === undefined ? undefined : trustStorePasswordProblem(password);
  if (passwordProblem) throw new AppError("INVALID_INPUT", passwordProblem);
  const version = await loadVersion(db, actor, versionId);
  const { connection } = version;
  const info = KINDS[version.kind];
  // A revoked certificate is never in force, a retired one no longer: neither is offered for installation again.
  if (version.state === "REVOKED")
    throw new AppError("CONFLICT", "This certificate was revoked; it is no longer downloadable.");
  if (!downloadOffered(info.direction, version.state))
    throw new AppError(
      "CONFLICT",
      "This version is no longer in force (retired or replaced): download the version in force.",
    );
  const stem = `${info.fileStem}-${connection.identifier}-${connection.environment}-v${version.seq}`.replace(
    /[^A-Za-z0-9._-]/g,
    "_",
  );
  let file: DownloadFile;
  if (info.content === "host") {
    const row = await db.assetVersion.findUniqueOrThrow({
      where: { id: versionId },
      select: { host: true, port: true, basePath: true },
    });
    file = {
      filename: `${stem}.txt`,
      contentType: "text/plain; charset=utf-8",
      body: `${row.host}${row.port && row.port !== 443 ? `:${row.port}` : ""}${row.basePath ?? ""}\n`,
    };
  } else {
    if (!version.normalizedPem) throw new AppError("NOT_FOUND");
    const decoded = decodeInput(version.normalizedPem);
    const certs = decoded.certificates;
    if (!downloadable(info, format)) {
      const formats = DOWNLOAD_FORMATS.filter((f) => downloadable(info, f)).join(", ");
      throw new AppError("INVALID_INPUT", `${info.label} downloads as ${formats}.`);
    }
    if (info.content === "csr") {
      file =
        format === "pem"
          ? { filename: `${stem}.csr`, contentType: "application/pkcs10", body: version.normalizedPem }
          : {
              filename: `${stem}.csr.der`,
              contentType: "application/pkcs10",
              body: decoded.csrs[0] ?? new Uint8Array(),
            };
    } else if (format === "der") {
      file = { filename: `${stem}.cer`, contentType: "application/pkix-cert", body: certs[0] ?? new Uint8Array() };
    } else if (format === "p12" || format === "jks") {
      const { extension, contentType } = TRUST_STORE_FILES[format];
      file = {
        filename: `${stem}.${extension}`,
        contentType,
        body: writeTrustStore(certs, { format, now: new Date(), password }),
      };
    } else if (format === "p7b") {
      file = { filename: `${stem}.p7b`, contentType: "application/pkcs7-mime", body: exportPkcs7(certs) };
    } else {
      // For a single certificate with its chain (issued client certificate), `pem` is the leaf alone.
      const leafOnly = format === "pem" && info.pemIsLeaf === true;
      file = {
        filename: `${stem}${format === "pem-chain" ? "-chain" : ""}.pem`,
        contentType: "application/x-pem-file",
        body: exportPemBundle(leafOnly ? certs.slice(0, 1) : certs, {
          order: "leaf-to-root",
          comments: format === "pem-chain",
        }),
      };
    }
  }
  await recordAudit(db, {
    action: "asset.downloaded",
    actor,
    organizationId: connection.organizationId,
    target: { type: "AssetVersion", id: versionId },
    details: { format, filename: file.filename, ...(password !== undefined ? { customPassword: true } : {}) },
    origin,
  });
  return file;
}
