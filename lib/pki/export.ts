/** Exports: normalized PEM bundle (RFC 7468 strict form) and PKCS#7 certs-only (.p7b). */
import { tryReadCertificate, isCa, type ParsedCertificate } from "./parse-certificate";
import { toPem } from "./pem";
import { writePkcs7 } from "./pkcs7";

export type PemBundleOptions = { order: "leaf-to-root" | "ca-only"; comments: boolean };

/**
 * Order by names only (subject/issuer), no signature checks: exports run on material already checked at upload,
 * and must stay fast for large bundles. Chains come leaf first; unrelated certificates keep their input order.
 */
export function orderByName(certs: readonly ParsedCertificate[]): ParsedCertificate[] {
  const bySubject = new Map<string, ParsedCertificate>();
  for (const c of certs) if (!bySubject.has(c.subjectKey)) bySubject.set(c.subjectKey, c);
  const isIssuer = new Set<ParsedCertificate>();
  for (const c of certs) {
    const i = bySubject.get(c.issuerKey);
    if (i && i !== c) isIssuer.add(i);
  }
  const out: ParsedCertificate[] = [];
  const placed = new Set<ParsedCertificate>();
  for (const start of certs) {
    if (isIssuer.has(start) || placed.has(start)) continue;
    for (let c: ParsedCertificate | undefined = start; c && !placed.has(c); c = bySubject.get(c.issuerKey)) {
      placed.add(c);
      out.push(c);
    }
  }
  for (const c of certs) if (!placed.has(c)) out.push(c);
  return out;
}

/** PEM bundle: LF, 64-character lines, one trailing newline, optional `# subject / issuer / not after` lines. */
export function exportPemBundle(certs: readonly Uint8Array[], opts: PemBundleOptions): string {
  const parsed: ParsedCertificate[] = [];
  for (const der of certs) {
    const r = tryReadCertificate(der);
    if (r.ok) parsed.push(r.value);
  }
  let ordered = orderByName(parsed);
  if (opts.order === "ca-only") ordered = ordered.filter((c) => isCa(c.summary));
  let out = "";
  for (const c of ordered) {
    if (opts.comments) out += `# subject: ${c.summary.subject.rfc4514}\n# issuer: ${c.summary.issuer.rfc4514}\n# not after: ${c.summary.notAfter}\n`;
    out += toPem("CERTIFICATE", c.der);
  }
  return out;
}

/** PKCS#7 certs-only SignedData, DER (what `openssl crl2pkcs7 -nocrl` writes), in the given order. */
export function exportPkcs7(certs: readonly Uint8Array[]): Uint8Array {
  return writePkcs7(certs);
}
