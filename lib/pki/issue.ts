/** Issue a client certificate from an approved CSR with the Thales CA key (RFC 5280 profile, SHA-256). */
import { sign } from "node:crypto";
import { bitString, seq, smallInt, time, tlv, uint } from "./der-write";
import { decodeInput } from "./decode";
import {
  authorityKeyIdentifier,
  basicConstraints,
  extKeyUsage,
  extensionsField,
  keyIdentifier,
  keyUsage,
  subjectKeyIdentifier,
} from "./extensions-encode";
import { error, warning, type Finding } from "./findings";
import { OID } from "./oids";
import { tryReadCsr } from "./parse-csr";
import { toPem } from "./pem";
import { randomSerial, signatureAlgorithmFor, subjectPublicKeyBits, type LoadedCa } from "./ca";
import { crlDistributionPoints } from "./crl";
import { addYears, checkClientKey } from "./policy/common";
import { programRules, thalesIssues, type Program } from "./policy/rules";
import { DAY_MS } from "./expiry";

export type IssueResult =
  | {
      ok: true;
      certificatePem: string;
      der: Uint8Array;
      serialNumber: string;
      notBefore: Date;
      notAfter: Date;
      findings: Finding[];
    }
  | { ok: false; findings: Finding[] };

const caKeyIds = new WeakMap<LoadedCa, Uint8Array>();

/**
 * Sign a client certificate: subject and key from the CSR, random positive 128-bit serial, validity from the
 * program (D1: 5 years) unless validityDays is given, clientAuth EKU, key usage by key type, SKI/AKI.
 * Never throws on a bad CSR: returns findings instead.
 */
export function issueClientCertificate(params: {
  csrPem: string | Uint8Array;
  ca: LoadedCa;
  program: Program;
  now: Date;
  validityDays?: number;
  crlUrl?: string;
}): IssueResult {
  const { ca, program } = params;
  const rules = programRules(program);
  if (!thalesIssues(program)) {
    const message = `${rules.shortName} client certificates are self-signed by the customer; Thales does not issue them.`;
    return { ok: false, findings: [error("ISSUING_NOT_FOR_PROGRAM", message)] };
  }
  const csrDer = decodeInput(params.csrPem).csrs[0];
  if (!csrDer) return { ok: false, findings: [error("CSR_NOT_FOUND", "No CSR was found to sign.")] };
  const r = tryReadCsr(csrDer);
  if (!r.ok) return { ok: false, findings: [r.finding] };
  const csr = r.value;
  if (!csr.verify.ok)
    return {
      ok: false,
      findings: [error("CSR_SIGNATURE_INVALID", `The CSR signature does not verify (${csr.verify.detail}).`)],
    };
  const keyFindings = checkClientKey(program, csr.summary.publicKey).filter((f) => f.severity === "error");
  if (keyFindings.length) return { ok: false, findings: keyFindings };

  const notBefore = new Date(Math.floor(params.now.getTime() / 1000) * 1000);
  const years = "issuedYears" in rules.clientCertificateValidity ? rules.clientCertificateValidity.issuedYears : 5;
  const notAfter =
    params.validityDays !== undefined
      ? new Date(notBefore.getTime() + params.validityDays * DAY_MS)
      : addYears(notBefore, years);
  const findings: Finding[] = [];
  if (notAfter.getTime() > ca.certificate.notAfter.getTime())
    findings.push(
      warning(
        "CERTIFICATE_OUTLIVES_CA",
        `The certificate is valid until ${notAfter.toISOString()}, after its CA expires (${ca.certificate.summary.notAfter}).`,
      ),
    );
  const serial = randomSerial();
  let aki = caKeyIds.get(ca);
  if (!aki) {
    const ski = ca.certificate.summary.subjectKeyIdentifier;
    aki = ski ? new Uint8Array(Buffer.from(ski, "hex")) : keyIdentifier(subjectPublicKeyBits(ca.certificate.spki));
    caKeyIds.set(ca, aki);
  }
  const ec = csr.summary.publicKey.type === "ec";
  const alg = signatureAlgorithmFor(ca.keyType);
  const tbs = seq(
    tlv(0xa0, smallInt(2)),
    uint(serial),
    alg,
    ca.certificate.subjectRaw,
    seq(time(notBefore), time(notAfter)),
    csr.subjectRaw,
    csr.spki,
    extensionsField([
      basicConstraints(false),
      // RFC 5246 §7.4.8 / RFC 8446 §4.4.3: client auth signs; RSA key exchange also needs keyEncipherment.
      keyUsage(ec ? [0] : [0, 2]),
      extKeyUsage([OID.clientAuth]),
      subjectKeyIdentifier(keyIdentifier(subjectPublicKeyBits(csr.spki))),
      authorityKeyIdentifier(aki),
      // RFC 5280 §4.2.1.13: relying parties (OpenSSL -crl_download, Java) find the portal CRL here.
      ...(params.crlUrl ? [crlDistributionPoints(params.crlUrl)] : []),
    ]),
  );
  const der = seq(tbs, alg, bitString(new Uint8Array(sign("sha256", tbs, ca.privateKey))));
  return {
    ok: true,
    certificatePem: toPem("CERTIFICATE", der),
    der,
    serialNumber: Buffer.from(serial).toString("hex").toUpperCase(),
    notBefore,
    notAfter,
    findings,
  };
}
