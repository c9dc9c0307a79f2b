/** D1 and D1 eCom rules for the client credential (D1 reference pages: "Issuer client certificate"). */
import { dnValues } from "../dn";
import { error, info, warning, type Finding } from "../findings";
import type { ParsedCertificate } from "../parse-certificate";
import type { ParsedCsr } from "../parse-csr";
import { d1CnFindings } from "./cn";
import { DAY_MS } from "../expiry";
import { addYears, checkClientKey, checkSignatureHash, checkValidityAt } from "./common";
import { programRules, type Environment, type Program } from "./rules";

export type PolicyContext = {
  program: Program;
  environment: Environment;
  identifier: string;
  expectedCn?: string;
  now: Date;
};

const cnKeyType = (t: string) => (t === "ec" ? "ec" : "rsa");

function dnFindings(rdns: ParsedCsr["summary"]["subject"]["rdns"], ctx: PolicyContext): Finding[] {
  const missing = programRules(ctx.program).expectedDnAttributes.filter((a) => dnValues({ rdns }, a).length === 0);
  if (missing.length === 0) return [];
  return [
    warning(
      "DN_ATTRIBUTE_MISSING",
      `The subject lacks ${missing.join(", ")}; Thales expects C, ST, L, O and OU besides the CN.`,
      `Add ${missing.join(", ")} with your values (the corrected command for this upload has them in its -subj).`,
    ),
  ];
}

/** D1 / D1 eCom CSR: proof of possession, key, SHA-256, CN pattern, DN parts. */
export function checkD1Csr(csr: ParsedCsr, ctx: PolicyContext): Finding[] {
  const s = csr.summary;
  const f: Finding[] = [];
  if (!csr.verify.ok) {
    const unsupported = csr.verify.reason === "unsupported-algorithm" || csr.verify.reason === "key-algorithm-mismatch";
    f.push(
      error(
        unsupported ? "CSR_SIGNATURE_UNVERIFIABLE" : "CSR_SIGNATURE_INVALID",
        `The CSR signature cannot be verified: ${csr.verify.detail}. The signature proves you hold the private key.`,
        "Generate the CSR again with openssl req -new and upload it unchanged.",
      ),
    );
  }
  if (s.version !== 0)
    f.push(
      error(
        "CSR_VERSION_INVALID",
        `The CSR has version ${s.version + 1}; PKCS#10 defines only version 1 (RFC 2986 §4.1).`,
        "Generate the CSR again with openssl req -new.",
      ),
    );
  for (const d of csr.duplicateExtensions)
    f.push(error("EXTENSION_DUPLICATE", `The CSR requests the ${d} extension twice.`));
  f.push(...checkClientKey(ctx.program, s.publicKey));
  f.push(...checkSignatureHash(s.signatureAlgorithm, "CSR"));
  f.push(...d1CnFindings(s.subject.rdns, { ...ctx, keyType: cnKeyType(s.publicKey.type) }));
  f.push(...dnFindings(s.subject.rdns, ctx));
  if (s.requestedExtensions.length > 0)
    f.push(
      info(
        "CSR_EXTENSIONS_REPLACED",
        `The CSR asks for ${s.requestedExtensions.map((e) => e.name).join(", ")}; Thales sets the client certificate extensions itself.`,
      ),
    );
  return f;
}

/** A D1 client certificate issued by Thales, checked by the customer or attached by Thales. */
export function checkD1ClientCertificate(cert: ParsedCertificate, ctx: PolicyContext): Finding[] {
  const s = cert.summary;
  const f: Finding[] = [];
  f.push(...checkClientKey(ctx.program, s.publicKey));
  f.push(...checkSignatureHash(s.signatureAlgorithm, "certificate"));
  f.push(...d1CnFindings(s.subject.rdns, { ...ctx, keyType: cnKeyType(s.publicKey.type) }));
  f.push(...checkValidityAt(cert.notBefore, cert.notAfter, ctx.now, "client certificate"));
  if (s.selfIssued)
    f.push(
      error(
        "CLIENT_CERT_SELF_SIGNED",
        `A ${programRules(ctx.program).label} client certificate must be signed by the Thales CA, not self-signed.`,
        "Upload your CSR (asset csr); Thales signs it and returns the certificate.",
      ),
    );
  if (s.extendedKeyUsage && !s.extendedKeyUsage.includes("clientAuth"))
    f.push(
      error(
        "EKU_NO_CLIENT_AUTH",
        "The certificate is not allowed for TLS client authentication (no clientAuth in extended key usage).",
      ),
    );
  const rules = programRules(ctx.program);
  const years = "issuedYears" in rules.clientCertificateValidity ? rules.clientCertificateValidity.issuedYears : 5;
  const issued = addYears(cert.notBefore, years).getTime();
  if (Math.abs(cert.notAfter.getTime() - issued) > 2 * DAY_MS) {
    f.push(
      info(
        "VALIDITY_NOT_5_YEARS",
        `The certificate is valid until ${s.notAfter}; Thales issues ${rules.shortName} client certificates for ${years} years.`,
      ),
    );
  }
  return f;
}
