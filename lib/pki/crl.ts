/**
 * Certificate revocation lists (RFC 5280 §5): the portal CA's v2 CRL, DER, signed with the CA key.
 * Pure: the caller passes `now`, the CRL number and the revoked entries; nothing here reads a clock or a store.
 */
import { sign } from "node:crypto";
import { bitString, concat, seq, smallInt, time, tlv, uint } from "./der-write";
import { authorityKeyIdentifier, extension, keyIdentifier } from "./extensions-encode";
import { signatureAlgorithmFor, subjectPublicKeyBits, type LoadedCa } from "./ca";
import { toPem } from "./pem";
import { decodeInput } from "./decode";
import { tryReadCertificate } from "./parse-certificate";

/** RFC 5280 §5.3.1 CRLReason values a portal user may choose (CA-level and attribute-authority reasons left out). */
export const REVOCATION_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  privilegeWithdrawn: 9,
} as const;
export type RevocationReason = keyof typeof REVOCATION_REASONS;

export const REVOCATION_REASON_LABELS: Record<RevocationReason, string> = {
  unspecified: "Unspecified",
  keyCompromise: "Key compromise",
  affiliationChanged: "Affiliation changed",
  superseded: "Superseded",
  cessationOfOperation: "Cessation of operation",
  privilegeWithdrawn: "Privilege withdrawn",
};

export function isRevocationReason(value: unknown): value is RevocationReason {
  return typeof value === "string" && Object.hasOwn(REVOCATION_REASONS, value);
}

export type RevokedEntry = { serialNumber: string; revokedAt: Date; reason: RevocationReason };

/** How long a CRL is valid: the portal re-signs well before this (a job regenerates at half-life). */
export const CRL_VALIDITY_MS = 7 * 86_400_000;

const CRL_NUMBER = "2.5.29.20";
const REASON_CODE = "2.5.29.21";
const CRL_DISTRIBUTION_POINTS = "2.5.29.31";

/**
 * Build and sign a v2 CRL: issuer = the CA subject, thisUpdate = now, nextUpdate = now + validity,
 * cRLNumber and AKI extensions (both required by RFC 5280 §5.2), one entry per revoked serial with a
 * reasonCode entry extension unless the reason is unspecified (§5.3.1: "SHOULD be absent instead").
 */
export function buildCrl(params: {
  ca: LoadedCa;
  entries: readonly RevokedEntry[];
  crlNumber: number;
  now: Date;
  validityMs?: number;
}): { der: Uint8Array; pem: string; thisUpdate: Date; nextUpdate: Date } {
  const { ca } = params;
  const thisUpdate = new Date(Math.floor(params.now.getTime() / 1000) * 1000);
  const nextUpdate = new Date(thisUpdate.getTime() + (params.validityMs ?? CRL_VALIDITY_MS));
  const ski = ca.certificate.summary.subjectKeyIdentifier;
  const aki = ski ? new Uint8Array(Buffer.from(ski, "hex")) : keyIdentifier(subjectPublicKeyBits(ca.certificate.spki));
  const alg = signatureAlgorithmFor(ca.keyType);
  const sorted = [...params.entries].sort((a, b) => a.revokedAt.getTime() - b.revokedAt.getTime());
  const revoked = sorted.map((e) => {
    const code = REVOCATION_REASONS[e.reason];
    const revokedAt = new Date(Math.floor(e.revokedAt.getTime() / 1000) * 1000);
    const parts = [
      uint(new Uint8Array(Buffer.from(e.serialNumber.length % 2 ? `0${e.serialNumber}` : e.serialNumber, "hex"))),
      time(revokedAt),
    ];
    if (code !== 0) parts.push(seq(extension(REASON_CODE, false, tlv(0x0a, Uint8Array.of(code)))));
    return seq(...parts);
  });
  const tbs = seq(
    smallInt(1),
    alg,
    ca.certificate.subjectRaw,
    time(thisUpdate),
    time(nextUpdate),
    ...(revoked.length ? [seq(concat(revoked))] : []),
    tlv(0xa0, seq(authorityKeyIdentifier(aki), extension(CRL_NUMBER, false, uint(crlNumberBytes(params.crlNumber))))),
  );
  const der = seq(tbs, alg, bitString(new Uint8Array(sign("sha256", tbs, ca.privateKey))));
  return { der, pem: toPem("X509 CRL", der), thisUpdate, nextUpdate };
}

function crlNumberBytes(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError("CRL number must be a non-negative integer");
  const hex = n.toString(16);
  return new Uint8Array(Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex"));
}

/** The CRL Distribution Points extension (RFC 5280 §4.2.1.13) with one URI fullName. */
export function crlDistributionPoints(uri: string): Uint8Array {
  const generalName = tlv(0x86, Buffer.from(uri, "latin1"));
  return extension(CRL_DISTRIBUTION_POINTS, false, seq(seq(tlv(0xa0, tlv(0xa0, generalName)))));
}

/** The CRL file name of a CA certificate given as PEM (no key needed); undefined when it cannot be read. */
export function crlNameOfCertificate(certificatePem: string): string | undefined {
  const [der] = decodeInput(certificatePem).certificates;
  const parsed = der ? tryReadCertificate(der) : undefined;
  return parsed?.ok ? crlName({ certificate: parsed.value }) : undefined;
}

/** The CRL's public file name for a CA: stable per CA key (first 16 hex digits of its key identifier). */
export function crlName(ca: Pick<LoadedCa, "certificate">): string {
  const ski =
    ca.certificate.summary.subjectKeyIdentifier ??
    Buffer.from(keyIdentifier(subjectPublicKeyBits(ca.certificate.spki))).toString("hex");
  return `portal-ca-${ski.toLowerCase().slice(0, 16)}`;
}
