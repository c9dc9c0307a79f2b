/** Entry names for PKCS#12 friendly names and JKS aliases, derived from the certificate alone. */
import { createHash } from "node:crypto";
import { children, expectTag, readTlv } from "../der";
import { dnValues, readName } from "../dn";

export type TrustedCertificate = { alias: string; der: Uint8Array };

/** The subject CN (else O, else nothing) of a certificate, read from the TBSCertificate. */
function subjectLabel(der: Uint8Array): string {
  try {
    const [tbsT] = children(der, expectTag(readTlv(der, 0), 0x30, "Certificate"));
    const t = children(der, expectTag(tbsT, 0x30, "TBSCertificate"));
    const subject = readName(der, t[(t[0]?.tag === 0xa0 ? 1 : 0) + 4]);
    return dnValues(subject, "CN")[0] ?? dnValues(subject, "O")[0] ?? "";
  } catch {
    return "";
  }
}

/**
 * `<cn-slug>-<first 8 hex of SHA-256>`, lowercase ASCII: the same certificate gets the same alias in every export
 * and format (JKS folds aliases to lowercase, so we never depend on case), and two certificates with the same CN
 * (a CA and its renewal) still differ.
 */
export function certificateAlias(der: Uint8Array): string {
  const short = createHash("sha256").update(der).digest("hex").slice(0, 8);
  const slug = subjectLabel(der)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  return slug ? `${slug}-${short}` : `cert-${short}`;
}

/** Certificates with their aliases, duplicates (same DER) dropped, input order kept. */
export function withAliases(certs: readonly Uint8Array[]): TrustedCertificate[] {
  const seen = new Set<string>();
  const out: TrustedCertificate[] = [];
  for (const der of certs) {
    const alias = certificateAlias(der);
    if (seen.has(alias)) continue;
    seen.add(alias);
    out.push({ alias, der });
  }
  return out;
}
