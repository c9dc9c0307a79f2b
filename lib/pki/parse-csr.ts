/** PKCS#10 certification request (RFC 2986 §4) → plain summary; the signature (proof of possession) is verified. */
import { createHash } from "node:crypto";
import { readSignatureAlgorithm, type SignatureAlgorithm } from "./algorithm";
import { children, DerError, expectTag, raw, readBitString, readOid, readSmallInt, readTlv } from "./der";
import { readName, type DistinguishedName } from "./dn";
import { readExtensions, type Extensions } from "./extensions";
import { error, type Finding } from "./findings";
import { OID } from "./oids";
import type { ParseResult } from "./parse-certificate";
import { readPublicKeyInfo, spkiPin, type PublicKeyInfo } from "./public-key";
import { importSpki, verifySignature, type VerifyResult } from "./signature";

export type CsrSummary = {
  version: number;
  subject: DistinguishedName;
  publicKey: PublicKeyInfo;
  signatureAlgorithm: { oid: string; name: string; hash: string };
  signatureValid: boolean;
  /** Why the signature could not be verified, when it could not. */
  signatureProblem?: string;
  /** Extensions asked for through the extensionRequest attribute (RFC 2985 §5.4.2). */
  requestedExtensions: Extensions["list"];
  subjectAltNames?: Extensions["subjectAltNames"];
  attributes: string[];
  sha256: string;
  spkiSha256: string;
};

export type ParsedCsr = {
  der: Uint8Array;
  spki: Uint8Array;
  subjectRaw: Uint8Array;
  algorithm: SignatureAlgorithm;
  verify: VerifyResult;
  duplicateExtensions: string[];
  summary: CsrSummary;
};

/** Walk a DER CSR and verify its signature (unless `verify` is false). Throws DerError on malformed structure. */
export function readCsr(der: Uint8Array, opts: { verify?: boolean } = {}): ParsedCsr {
  const outer = readTlv(der, 0);
  if (outer.end !== der.length) throw new DerError("trailing data after CSR");
  const [infoT, algT, sigT] = children(der, expectTag(outer, 0x30, "CertificationRequest"));
  const [versionT, subjectT, spkiT, attrsT] = children(der, expectTag(infoT, 0x30, "CertificationRequestInfo"));
  const version = readSmallInt(der, versionT);
  const subject = readName(der, subjectT);
  const publicKey = readPublicKeyInfo(der, expectTag(spkiT, 0x30, "SubjectPublicKeyInfo"));
  const attributes: string[] = [];
  let ext: Extensions = { list: [], duplicates: [], malformed: [] };
  // RFC 2986 requires [0] attributes, but some old tools omit it; tolerate absence.
  if (attrsT) {
    for (const a of children(der, expectTag(attrsT, 0xa0, "attributes"))) {
      const [typeT, valuesT] = children(der, expectTag(a, 0x30, "Attribute"));
      const type = readOid(der, typeT);
      attributes.push(type);
      if (type === OID.extensionRequest) {
        const vals = children(der, expectTag(valuesT, 0x31, "attribute values"));
        if (vals[0]) ext = readExtensions(der, vals[0]);
      }
    }
  }
  const algorithm = readSignatureAlgorithm(der, algT);
  const signature = readBitString(der, sigT).bytes;
  const spki = raw(der, spkiT!);
  const verify: VerifyResult =
    opts.verify === false
      ? { ok: false, reason: "unsupported-algorithm", detail: "not verified" }
      : verifySignature({
          algorithm,
          data: raw(der, infoT!),
          signature,
          key: importSpki(spki, publicKey),
          keyInfo: publicKey,
        });
  const summary: CsrSummary = {
    version,
    subject,
    publicKey,
    signatureAlgorithm: { oid: algorithm.oid, name: algorithm.name, hash: algorithm.hash ?? "none" },
    signatureValid: verify.ok,
    requestedExtensions: ext.list,
    attributes,
    sha256: createHash("sha256").update(der).digest("hex"),
    spkiSha256: spkiPin(spki),
  };
  if (!verify.ok) summary.signatureProblem = verify.detail;
  if (ext.subjectAltNames) summary.subjectAltNames = ext.subjectAltNames;
  return {
    der,
    spki,
    subjectRaw: raw(der, subjectT!),
    algorithm,
    verify,
    duplicateExtensions: ext.duplicates,
    summary,
  };
}

/** Like readCsr, but returns a finding instead of throwing. */
export function tryReadCsr(der: Uint8Array): ParseResult<ParsedCsr> {
  try {
    return { ok: true, value: readCsr(der) };
  } catch (e) {
    const why = e instanceof DerError ? e.message : "unreadable structure";
    return { ok: false, finding: malformed(why) };
  }
}

/** Parse a DER CSR into a plain summary (signature verified). Never throws. */
export function parseCsr(der: Uint8Array): ParseResult<CsrSummary> {
  const r = tryReadCsr(der);
  return r.ok ? { ok: true, value: r.value.summary } : r;
}

function malformed(why: string): Finding {
  return error(
    "CSR_MALFORMED",
    `The CSR could not be read (${why}).`,
    "Generate the CSR again with openssl req -new and upload the .csr file unchanged.",
  );
}
