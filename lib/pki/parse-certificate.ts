/** X.509 certificate → plain summary (RFC 5280 §4.1), plus the internals chain checks need. */
import { createHash, type KeyObject } from "node:crypto";
import { bytesEqual } from "./algorithm";
import { readSignatureAlgorithm, type SignatureAlgorithm } from "./algorithm";
import {
  children,
  content,
  DerError,
  expectTag,
  integerHex,
  raw,
  readBitString,
  readSmallInt,
  readTime,
  readTlv,
} from "./der";
import { nameKey, readName, type DistinguishedName } from "./dn";
import { readExtensions, type Extensions } from "./extensions";
import { error, type Finding } from "./findings";
import { readPublicKeyInfo, spkiPin, type PublicKeyInfo } from "./public-key";
import { importSpkiCached } from "./signature";

export type CertificateSummary = {
  version: number;
  serialNumber: string;
  subject: DistinguishedName;
  issuer: DistinguishedName;
  notBefore: string;
  notAfter: string;
  publicKey: PublicKeyInfo;
  signatureAlgorithm: { oid: string; name: string; hash: string };
  basicConstraints?: { ca: boolean; pathLength?: number; critical: boolean };
  keyUsage?: string[];
  extendedKeyUsage?: string[];
  subjectAltNames?: Extensions["subjectAltNames"];
  subjectKeyIdentifier?: string;
  authorityKeyIdentifier?: string;
  extensions: Extensions["list"];
  /** Subject and issuer names are equal (RFC 5280 §6.1: "self-issued"). */
  selfIssued: boolean;
  /** SHA-256 of the DER, lowercase hex. */
  sha256: string;
  /** SHA-256 of the SubjectPublicKeyInfo, base64 (HPKP / curl --pinnedpubkey). */
  spkiSha256: string;
};

/** Parsed certificate with what signature and chain checks need; `summary` is the plain part. */
export type ParsedCertificate = {
  der: Uint8Array;
  tbs: Uint8Array;
  signature: Uint8Array;
  algorithm: SignatureAlgorithm;
  spki: Uint8Array;
  subjectRaw: Uint8Array;
  subjectKey: string;
  issuerKey: string;
  notBefore: Date;
  notAfter: Date;
  duplicateExtensions: string[];
  /** Outer signatureAlgorithm equals the TBS `signature` field (RFC 5280 §4.1.1.2). */
  algorithmsMatch: boolean;
  /** What path validation reads beyond the summary (lib/pki/path-*.ts). */
  ext: Pick<Extensions, "generalNames" | "nameConstraints" | "akiFields" | "malformed">;
  /** Content octets of serialNumber (sign and length checks, RFC 5280 §4.1.2.2). */
  serialRaw: Uint8Array;
  summary: CertificateSummary;
  key(): KeyObject | { error: string };
};

export type ParseResult<T> = { ok: true; value: T } | { ok: false; finding: Finding };

const sha256Hex = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/**
 * One parse per buffer: an upload's certificates are read by the decoder (to see that nothing was spliced in) and
 * again by the chain or client-certificate check; keyed by the buffer object, so the memo lives as long as the
 * check holds the bytes and never serves another input.
 */
const parsedByBuffer = new WeakMap<Uint8Array, ParsedCertificate>();

/** Walk a DER certificate. Throws DerError; use parseCertificate for the never-throwing entry point. */
export function readCertificate(der: Uint8Array): ParsedCertificate {
  const memo = parsedByBuffer.get(der);
  if (memo) return memo;
  const parsed = walkCertificate(der);
  parsedByBuffer.set(der, parsed);
  return parsed;
}

function walkCertificate(der: Uint8Array): ParsedCertificate {
  const outer = readTlv(der, 0);
  if (outer.end !== der.length) throw new DerError("trailing data after certificate");
  const [tbsT, algT, sigT] = children(der, expectTag(outer, 0x30, "Certificate"));
  const t = children(der, expectTag(tbsT, 0x30, "TBSCertificate"));
  let i = 0;
  let version = 1;
  if (t[0]?.tag === 0xa0) version = readSmallInt(der, children(der, t[i++]!)[0]) + 1;
  const serialT = expectTag(t[i++], 0x02, "serialNumber");
  const innerAlgT = expectTag(t[i++], 0x30, "signature");
  const issuer = readName(der, t[i++]);
  const issuerRaw = raw(der, t[i - 1]!);
  const [nbT, naT] = children(der, expectTag(t[i++], 0x30, "Validity"));
  const notBefore = readTime(der, nbT);
  const notAfter = readTime(der, naT);
  const subjectT = t[i++];
  const subject = readName(der, subjectT);
  const spkiT = expectTag(t[i++], 0x30, "SubjectPublicKeyInfo");
  const publicKey = readPublicKeyInfo(der, spkiT);
  let ext: Extensions = { list: [], duplicates: [], malformed: [] };
  for (; i < t.length; i++) {
    const x = t[i]!;
    if (x.tag === 0xa3) ext = readExtensions(der, children(der, x)[0]!);
    else if (x.tag !== 0x81 && x.tag !== 0x82) throw new DerError("unexpected field in TBSCertificate");
  }
  const algorithm = readSignatureAlgorithm(der, algT);
  const signature = readBitString(der, sigT).bytes;
  const spki = raw(der, spkiT);
  let keyObject: KeyObject | { error: string } | undefined;
  const summary: CertificateSummary = {
    version,
    serialNumber: integerHex(content(der, serialT)),
    subject,
    issuer,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    publicKey,
    signatureAlgorithm: { oid: algorithm.oid, name: algorithm.name, hash: algorithm.hash ?? "none" },
    extensions: ext.list,
    selfIssued: false,
    sha256: sha256Hex(der),
    spkiSha256: spkiPin(spki),
  };
  if (ext.basicConstraints) summary.basicConstraints = ext.basicConstraints;
  if (ext.keyUsage) summary.keyUsage = ext.keyUsage;
  if (ext.extendedKeyUsage) summary.extendedKeyUsage = ext.extendedKeyUsage;
  if (ext.subjectAltNames) summary.subjectAltNames = ext.subjectAltNames;
  if (ext.subjectKeyIdentifier) summary.subjectKeyIdentifier = ext.subjectKeyIdentifier;
  if (ext.authorityKeyIdentifier) summary.authorityKeyIdentifier = ext.authorityKeyIdentifier;
  const subjectKey = nameKey(subject);
  const issuerKey = bytesEqual(issuerRaw, raw(der, subjectT!)) ? subjectKey : nameKey(issuer);
  summary.selfIssued = subjectKey === issuerKey;
  return {
    der,
    tbs: raw(der, tbsT!),
    signature,
    algorithm,
    spki,
    subjectRaw: raw(der, subjectT!),
    subjectKey,
    issuerKey,
    notBefore,
    notAfter,
    duplicateExtensions: ext.duplicates,
    algorithmsMatch: bytesEqual(raw(der, innerAlgT), raw(der, algT!)),
    ext: {
      generalNames: ext.generalNames,
      nameConstraints: ext.nameConstraints,
      akiFields: ext.akiFields,
      malformed: ext.malformed,
    },
    serialRaw: content(der, serialT),
    summary,
    key: () => (keyObject ??= importSpkiCached(spki, publicKey)),
  };
}

/** Parse a DER certificate into a plain summary. Never throws: malformed input gives a CERTIFICATE_MALFORMED finding. */
export function parseCertificate(der: Uint8Array): ParseResult<CertificateSummary> {
  const r = tryReadCertificate(der);
  return r.ok ? { ok: true, value: r.value.summary } : r;
}

/** Like readCertificate, but returns a finding instead of throwing. */
export function tryReadCertificate(der: Uint8Array): ParseResult<ParsedCertificate> {
  try {
    return { ok: true, value: readCertificate(der) };
  } catch (e) {
    const why = e instanceof DerError ? e.message : "unreadable structure";
    return {
      ok: false,
      finding: error(
        "CERTIFICATE_MALFORMED",
        `A certificate could not be read (${why}).`,
        "Export the certificate again as PEM (openssl x509 -in cert -out cert.pem) and re-upload it.",
      ),
    };
  }
}

/** True when the certificate is a CA (basicConstraints cA = TRUE, RFC 5280 §4.2.1.9). */
export function isCa(summary: Pick<CertificateSummary, "basicConstraints">): boolean {
  return summary.basicConstraints?.ca === true;
}

/**
 * Structural self-signed test: same subject and issuer and, when both identifiers are present, AKI = SKI.
 * The chain and policy code also verify the self-signature; this helper is for display.
 */
export function isSelfSigned(
  summary: Pick<CertificateSummary, "selfIssued" | "subjectKeyIdentifier" | "authorityKeyIdentifier">,
): boolean {
  if (!summary.selfIssued) return false;
  if (summary.authorityKeyIdentifier && summary.subjectKeyIdentifier)
    return summary.authorityKeyIdentifier === summary.subjectKeyIdentifier;
  return true;
}
