/** TSH rules for the customer's self-signed client certificate (TSH reference page, "Self-signed certificate requirements"). */
import { error, info, type Finding } from "../findings";
import type { ParsedCertificate } from "../parse-certificate";
import { verifySignature } from "../signature";
import { expectedCnFindings } from "./cn";
import { addYears, checkClientKey, checkSignatureHash, checkValidityAt } from "./common";
import type { PolicyContext } from "./d1";
import { DAY_MS } from "../expiry";
import { maxValidityDays, programRules } from "./rules";

/** Self-signed (by its own key), at most the program's validity, its keys, SHA-256, Thales-given CN (TSH). */
export function checkTshClientCertificate(cert: ParsedCertificate, ctx: PolicyContext): Finding[] {
  const s = cert.summary;
  const f: Finding[] = [];
  const rules = programRules(ctx.program);
  // Hints are prose: the one corrected command (fix-command.ts) does all of them at once.
  const remake = "the corrected command for this upload does";
  f.push(...checkClientKey(ctx.program, s.publicKey));
  f.push(...checkSignatureHash(s.signatureAlgorithm, "certificate"));
  f.push(...expectedCnFindings(s.subject.rdns, ctx.expectedCn));
  const self = verifySignature({
    algorithm: cert.algorithm,
    data: cert.tbs,
    signature: cert.signature,
    key: cert.key(),
    keyInfo: s.publicKey,
  });
  if (!s.selfIssued) {
    f.push(
      error(
        "CLIENT_CERT_NOT_SELF_SIGNED",
        `${rules.shortName} pins a self-signed client certificate, but this one is issued by ${s.issuer.rfc4514}.`,
        `Create a self-signed certificate (${remake}).`,
      ),
    );
  } else if (!self.ok) {
    f.push(
      error(
        "SELF_SIGNATURE_INVALID",
        `The certificate's self-signature does not verify with its own key (${self.detail}).`,
        `Create it again (${remake}).`,
      ),
    );
  }
  const maxYears = "maxYears" in rules.clientCertificateValidity ? rules.clientCertificateValidity.maxYears : undefined;
  const max = maxYears === undefined ? undefined : addYears(cert.notBefore, maxYears);
  if (max && cert.notAfter.getTime() > max.getTime()) {
    const days = Math.round((cert.notAfter.getTime() - cert.notBefore.getTime()) / DAY_MS);
    f.push(
      error(
        "VALIDITY_TOO_LONG",
        `The certificate is valid for ${days} days (until ${s.notAfter}); ` +
          `${rules.shortName} allows at most ${maxYears} years (until ${max.toISOString()}).`,
        `Create it again with -days ${maxValidityDays(ctx.program)} (${remake}).`,
      ),
    );
  }
  f.push(...checkValidityAt(cert.notBefore, cert.notAfter, ctx.now, "client certificate"));
  if (s.extendedKeyUsage && !s.extendedKeyUsage.some((e) => e === "clientAuth" || e === "anyExtendedKeyUsage")) {
    f.push(
      error(
        "EKU_NO_CLIENT_AUTH",
        `The certificate's extended key usage (${s.extendedKeyUsage.join(", ")}) does not allow TLS client authentication.`,
        `Add -addext "extendedKeyUsage=clientAuth" (${remake}).`,
      ),
    );
  }
  if (s.keyUsage && !s.keyUsage.includes("digitalSignature")) {
    f.push(
      error(
        "KEY_USAGE_NO_DIGITAL_SIGNATURE",
        "The certificate's key usage lacks digitalSignature, which TLS client authentication needs (RFC 5246 §7.4.8).",
        `Add -addext "keyUsage=critical,digitalSignature" (${remake}).`,
      ),
    );
  }
  if (s.basicConstraints?.ca) {
    f.push(
      info(
        "CLIENT_CERT_IS_CA",
        "The certificate says it is a CA (openssl req -x509 does that by default); a client certificate need not be.",
        `Optional: add -addext "basicConstraints=critical,CA:FALSE" (${remake}).`,
      ),
    );
  }
  return f;
}
