/** Check that a certificate signed elsewhere answers a CSR: same key, issued and signed by the given CA, sane dates. */
import { bytesEqual } from "./algorithm";
import { decodeInput } from "./decode";
import { error, warning, type Finding } from "./findings";
import { tryReadCertificate, type ParsedCertificate } from "./parse-certificate";
import { tryReadCsr, type ParsedCsr } from "./parse-csr";
import { checkValidityAt } from "./policy/common";
import { verifySignature } from "./signature";

function firstCert(input: string | Uint8Array, what: string): ParsedCertificate | Finding {
  const der = decodeInput(input).certificates[0];
  if (!der) return error("CERTIFICATE_NOT_FOUND", `No ${what} was found.`);
  const r = tryReadCertificate(der);
  return r.ok ? r.value : r.finding;
}

/** Findings for `certificate` against `csr` and `caCertificate` at `now`; empty when everything matches. Never throws. */
export function verifyCertificateMatchesCsr(params: {
  certificate: string | Uint8Array;
  csr: string | Uint8Array;
  caCertificate: string | Uint8Array;
  now: Date;
}): Finding[] {
  const cert = firstCert(params.certificate, "certificate");
  const ca = firstCert(params.caCertificate, "CA certificate");
  const csrDer = decodeInput(params.csr).csrs[0];
  const csrRead = csrDer ? tryReadCsr(csrDer) : undefined;
  const csr: ParsedCsr | Finding = !csrRead
    ? error("CSR_NOT_FOUND", "No CSR was found.")
    : csrRead.ok
      ? csrRead.value
      : csrRead.finding;
  const problems = [cert, ca, csr].filter((x): x is Finding => "severity" in x);
  if (problems.length) return problems;
  const c = cert as ParsedCertificate;
  const authority = ca as ParsedCertificate;
  const request = csr as ParsedCsr;
  const f: Finding[] = [];
  if (!bytesEqual(c.spki, request.spki))
    f.push(
      error(
        "CERTIFICATE_KEY_MISMATCH",
        "The certificate's public key is not the CSR's: it was not issued for this CSR.",
      ),
    );
  if (c.issuerKey !== authority.subjectKey)
    f.push(
      error(
        "CERTIFICATE_ISSUER_MISMATCH",
        `The certificate is issued by ${c.summary.issuer.rfc4514}, not by ${authority.summary.subject.rfc4514}.`,
      ),
    );
  const v = verifySignature({
    algorithm: c.algorithm,
    data: c.tbs,
    signature: c.signature,
    key: authority.key(),
    keyInfo: authority.summary.publicKey,
  });
  if (!v.ok)
    f.push(
      error(
        "CERTIFICATE_SIGNATURE_INVALID",
        `The certificate's signature does not verify with the CA key (${v.detail}).`,
      ),
    );
  f.push(...checkValidityAt(c.notBefore, c.notAfter, params.now, "certificate"));
  if (c.notAfter.getTime() > authority.notAfter.getTime())
    f.push(
      warning(
        "CERTIFICATE_OUTLIVES_CA",
        `The certificate is valid after its CA expires (${authority.summary.notAfter}).`,
      ),
    );
  if (c.summary.subject.rfc4514 !== request.summary.subject.rfc4514)
    f.push(
      warning(
        "SUBJECT_DIFFERS_FROM_CSR",
        `The certificate subject (${c.summary.subject.rfc4514}) differs from the CSR's (${request.summary.subject.rfc4514}).`,
      ),
    );
  if (c.summary.extendedKeyUsage && !c.summary.extendedKeyUsage.includes("clientAuth"))
    f.push(error("EKU_NO_CLIENT_AUTH", "The certificate does not allow TLS client authentication (no clientAuth)."));
  return f;
}
