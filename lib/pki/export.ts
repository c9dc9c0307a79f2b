/** Exports: normalized PEM bundle (RFC 7468 strict form) and PKCS#7 certs-only (.p7b). */
import { children, expectTag, readTime, readTlv } from "./der";
import { nameKey, readName, type DistinguishedName } from "./dn";
import { readExtensions } from "./extensions";
import { toPem } from "./pem";
import { writePkcs7 } from "./pkcs7";

export type PemBundleOptions = { order: "leaf-to-root" | "ca-only"; comments: boolean };

/** What ordering and comment lines need of a certificate, and nothing more. */
type ExportView = {
  der: Uint8Array;
  subjectKey: string;
  issuerKey: string;
  subject: DistinguishedName;
  issuer: DistinguishedName;
  notAfter: Date;
  ca: boolean;
};

/**
 * A light read of the TBSCertificate (names, validity, basicConstraints): exports run on material already
 * checked at upload, and must stay fast for large bundles, so no fingerprints, key or signature work here.
 * Unreadable certificates are left out, as a full parse would.
 */
function exportView(der: Uint8Array): ExportView | undefined {
  try {
    const [tbsT] = children(der, expectTag(readTlv(der, 0), 0x30, "Certificate"));
    const t = children(der, expectTag(tbsT, 0x30, "TBSCertificate"));
    let i = t[0]?.tag === 0xa0 ? 1 : 0;
    i += 2; // serialNumber, signature
    const issuer = readName(der, t[i++]);
    const [, naT] = children(der, expectTag(t[i++], 0x30, "Validity"));
    const subject = readName(der, t[i++]);
    i++; // subjectPublicKeyInfo
    let ca = false;
    for (; i < t.length; i++)
      if (t[i]!.tag === 0xa3) ca = readExtensions(der, children(der, t[i]!)[0]!).basicConstraints?.ca === true;
    return {
      der,
      subject,
      issuer,
      subjectKey: nameKey(subject),
      issuerKey: nameKey(issuer),
      notAfter: readTime(der, naT),
      ca,
    };
  } catch {
    return undefined;
  }
}

/** Chains come leaf first (by names only, no signature checks); unrelated certificates keep their input order. */
export function orderByName<T extends { subjectKey: string; issuerKey: string }>(certs: readonly T[]): T[] {
  const bySubject = new Map<string, T>();
  for (const c of certs) if (!bySubject.has(c.subjectKey)) bySubject.set(c.subjectKey, c);
  const isIssuer = new Set<T>();
  for (const c of certs) {
    const i = bySubject.get(c.issuerKey);
    if (i && i !== c) isIssuer.add(i);
  }
  const out: T[] = [];
  const placed = new Set<T>();
  for (const start of certs) {
    if (isIssuer.has(start) || placed.has(start)) continue;
    for (let c: T | undefined = start; c && !placed.has(c); c = bySubject.get(c.issuerKey)) {
      placed.add(c);
      out.push(c);
    }
  }
  for (const c of certs) if (!placed.has(c)) out.push(c);
  return out;
}

/** PEM bundle: LF, 64-character lines, one trailing newline, optional `# subject / issuer / not after` lines. */
export function exportPemBundle(certs: readonly Uint8Array[], opts: PemBundleOptions): string {
  const views = certs.map(exportView).filter((v): v is ExportView => v !== undefined);
  let ordered = orderByName(views);
  if (opts.order === "ca-only") ordered = ordered.filter((c) => c.ca);
  let out = "";
  for (const c of ordered) {
    if (opts.comments)
      out += `# subject: ${c.subject.rfc4514}\n# issuer: ${c.issuer.rfc4514}\n# not after: ${c.notAfter.toISOString()}\n`;
    out += toPem("CERTIFICATE", c.der);
  }
  return out;
}

/** PKCS#7 certs-only SignedData, DER (what `openssl crl2pkcs7 -nocrl` writes), in the given order. */
export function exportPkcs7(certs: readonly Uint8Array[]): Uint8Array {
  return writePkcs7(certs);
}
