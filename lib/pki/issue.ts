/** Issue a client certificate from an approved CSR with the Thales CA key (RFC 5280 profile, SHA-256). */
import { sign } from "node:crypto";
import { bitString, seq, smallInt, time, tlv, uint } from "./der-write";
import { decodeInput } from "./decode";
import { readTlv } from "./der";
import { readName } from "./dn";
import { readExtensions } from "./extensions";
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

export type IssueParams = {
  csrPem: string | Uint8Array;
  ca: LoadedCa;
  program: Program;
  now: Date;
  validityDays?: number;
  crlUrl?: string;
};

/**
 * What a signature would produce, read back from the very bytes it would sign (everything of the certificate but
 * its serial and signature): the signing preview shows this, so it cannot say something the certificate does not.
 */
export type CertificatePlanView = {
  subject: string;
  publicKey: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  basicConstraints: string;
  keyUsage: string[];
  extendedKeyUsage: string[];
  subjectAltNames: string[];
  crlDistributionPoint: string | null;
  findings: Finding[];
};

type CertificatePlan = {
  ca: LoadedCa;
  subjectRaw: Uint8Array;
  spki: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  extensions: Uint8Array[];
  view: CertificatePlanView;
};

export type PlanResult = { ok: true; plan: CertificatePlan } | { ok: false; findings: Finding[] };

/**
 * Decide a client certificate without signing it: subject and key from the CSR, validity from the program
 * (D1: 5 years) unless validityDays is given, clientAuth EKU, key usage by key type, SKI/AKI, CRL DP.
 * issueClientCertificate signs exactly this plan. Never throws on a bad CSR: returns findings instead.
 */
export function planClientCertificate(params: IssueParams): PlanResult {
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
  let aki = caKeyIds.get(ca);
  if (!aki) {
    const ski = ca.certificate.summary.subjectKeyIdentifier;
    aki = ski ? new Uint8Array(Buffer.from(ski, "hex")) : keyIdentifier(subjectPublicKeyBits(ca.certificate.spki));
    caKeyIds.set(ca, aki);
  }
  const ec = csr.summary.publicKey.type === "ec";
  const extensions = [
    basicConstraints(false),
    // RFC 5246 §7.4.8 / RFC 8446 §4.4.3: client auth signs; RSA key exchange also needs keyEncipherment.
    keyUsage(ec ? [0] : [0, 2]),
    extKeyUsage([OID.clientAuth]),
    subjectKeyIdentifier(keyIdentifier(subjectPublicKeyBits(csr.spki))),
    authorityKeyIdentifier(aki),
    // RFC 5280 §4.2.1.13: relying parties (OpenSSL -crl_download, Java) find the portal CRL here.
    ...(params.crlUrl ? [crlDistributionPoints(params.crlUrl)] : []),
  ];
  // Read back with the parser that reads issued certificates, so the preview names things as the result will.
  const encoded = seq(...extensions);
  const read = readExtensions(encoded, readTlv(encoded, 0));
  const bc = read.basicConstraints;
  const view: CertificatePlanView = {
    subject: readName(csr.subjectRaw, readTlv(csr.subjectRaw, 0)).rfc4514,
    publicKey: csr.summary.publicKey.description,
    issuer: ca.certificate.summary.subject.rfc4514,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    basicConstraints: bc ? `CA: ${bc.ca ? "yes" : "no"}${bc.critical ? " (critical)" : ""}` : "absent",
    keyUsage: read.keyUsage ?? [],
    extendedKeyUsage: read.extendedKeyUsage ?? [],
    subjectAltNames: (read.subjectAltNames ?? []).map((s) => `${s.type}:${s.value}`),
    crlDistributionPoint: params.crlUrl ?? null,
    findings,
  };
  return {
    ok: true,
    plan: { ca, subjectRaw: csr.subjectRaw, spki: csr.spki, notBefore, notAfter, extensions, view },
  };
}

/** Sign a client certificate as planned by planClientCertificate, with a random positive 128-bit serial. */
export function issueClientCertificate(params: IssueParams): IssueResult {
  const planned = planClientCertificate(params);
  if (!planned.ok) return planned;
  const { ca, subjectRaw, spki, notBefore, notAfter, extensions, view } = planned.plan;
  const serial = randomSerial();
  const alg = signatureAlgorithmFor(ca.keyType);
  const tbs = seq(
    tlv(0xa0, smallInt(2)),
    uint(serial),
    alg,
    ca.certificate.subjectRaw,
    seq(time(notBefore), time(notAfter)),
    subjectRaw,
    spki,
    extensionsField(extensions),
  );
  const der = seq(tbs, alg, bitString(new Uint8Array(sign("sha256", tbs, ca.privateKey))));
  return {
    ok: true,
    certificatePem: toPem("CERTIFICATE", der),
    der,
    serialNumber: Buffer.from(serial).toString("hex").toUpperCase(),
    notBefore,
    notAfter,
    findings: view.findings,
  };
}
