/** TSH rules for the customer's self-signed client certificate (TSH reference page, "Self-signed certificate requirements"). */
import { error, info, type Finding } from "../findings";
import type { ParsedCertificate } from "../parse-certificate";
import { verifySignature } from "../signature";
import { expectedCnFindings, opensslCommandFor, subjWithCn } from "./cn";
import { addYears, checkClientKey, checkSignatureHash, checkValidityAt } from "./common";
import type { PolicyContext } from "./d1";

/** Self-signed (by its own key), at most 2 years, EC P-256/P-384 or RSA 2048, SHA-256, Thales-given CN. */
export function checkTshClientCertificate(cert: ParsedCertificate, ctx: PolicyContext): Finding[] {
  const s = cert.summary;
  const f: Finding[] = [];
  const subj = subjWithCn(s.subject.rdns, ctx.expectedCn || (s.subject.rdns.flat().find((a) => a.type === "CN")?.value ?? "<CN from the portal>"));
  const remake = opensslCommandFor("tsh", subj);
  f.push(...checkClientKey("tsh", s.publicKey));
  f.push(...checkSignatureHash(s.signatureAlgorithm, "certificate"));
  f.push(...expectedCnFindings(s.subject.rdns, "tsh", ctx.expectedCn));
  const self = verifySignature({ algorithm: cert.algorithm, data: cert.tbs, signature: cert.signature, key: cert.key(), keyInfo: s.publicKey });
  if (!s.selfIssued) {
    f.push(error("CLIENT_CERT_NOT_SELF_SIGNED", `TSH pins a self-signed client certificate, but this one is issued by ${s.issuer.rfc4514}.`, `Create a self-signed certificate: ${remake}`));
  } else if (!self.ok) {
    f.push(error("SELF_SIGNATURE_INVALID", `The certificate's self-signature does not verify with its own key (${self.detail}).`, `Create it again: ${remake}`));
  }
  const max = addYears(cert.notBefore, 2);
  if (cert.notAfter.getTime() > max.getTime()) {
    const days = Math.round((cert.notAfter.getTime() - cert.notBefore.getTime()) / 86_400_000);
    f.push(error("VALIDITY_TOO_LONG", `The certificate is valid for ${days} days (until ${s.notAfter}); TSH allows at most 2 years (until ${max.toISOString()}).`, `Create it again with -days 730: ${remake}`));
  }
  f.push(...checkValidityAt(cert.notBefore, cert.notAfter, ctx.now, "client certificate"));
  if (s.extendedKeyUsage && !s.extendedKeyUsage.some((e) => e === "clientAuth" || e === "anyExtendedKeyUsage")) {
    f.push(error("EKU_NO_CLIENT_AUTH", `The certificate's extended key usage (${s.extendedKeyUsage.join(", ")}) does not allow TLS client authentication.`, `Add -addext "extendedKeyUsage=clientAuth": ${remake}`));
  }
  if (s.keyUsage && !s.keyUsage.includes("digitalSignature")) {
    f.push(error("KEY_USAGE_NO_DIGITAL_SIGNATURE", "The certificate's key usage lacks digitalSignature, which TLS client authentication needs (RFC 5246 §7.4.8).", `Add -addext "keyUsage=critical,digitalSignature": ${remake}`));
  }
  if (s.basicConstraints?.ca) {
    f.push(info("CLIENT_CERT_IS_CA", "The certificate says it is a CA (openssl req -x509 does that by default); a client certificate need not be.", `Optional: add -addext "basicConstraints=critical,CA:FALSE"`));
  }
  return f;
}
