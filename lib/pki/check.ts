/**
 * checkAsset: THE function behind the portal upload, the REST API and the CLI, so they always agree.
 * decode → parse → verify → program policy → one report.
 */
import { analyzeChain, type ChainAnalysis, type ChainRole } from "./chain";
import { decodeInput } from "./decode";
import { keyBoundFindings } from "./key-bounds";
import { unsafeTextFindings } from "./unsafe-text";
import { error, hasErrors, info, sortFindings, warning, type Finding } from "./findings";
import { isCa, tryReadCertificate, type CertificateSummary, type ParsedCertificate } from "./parse-certificate";
import { tryReadCsr, type CsrSummary } from "./parse-csr";
import { toPem } from "./pem";
import { checkD1ClientCertificate, checkD1Csr, type PolicyContext } from "./policy/d1";
import {
  programRules,
  thalesIssues,
  type AssetCheckKind,
  type ClientCredential,
  type Environment,
  type Program,
} from "./policy/rules";
import { checkTshClientCertificate } from "./policy/tsh";
import { credentialCommand, fixCommand, type FixCommand } from "./fix-command";

/** The client-certificate check of each credential type: Thales-signed (D1 family) or self-signed (TSH). */
const CLIENT_CERTIFICATE_CHECKS: Record<ClientCredential, (c: ParsedCertificate, ctx: PolicyContext) => Finding[]> = {
  "csr-signed-by-thales": checkD1ClientCertificate,
  "self-signed-certificate": checkTshClientCertificate,
};

export type CheckAssetOptions = {
  program: Program;
  environment: Environment;
  identifier: string;
  asset: AssetCheckKind;
  /** The CN Thales set for this connection (TSH). */
  expectedCn?: string;
  now: Date;
  /** Trust anchors instead of the Mozilla store (tests). */
  roots?: readonly Uint8Array[];
  /** Trust anchors the caller chose (`--trust-anchors`, a trust-store upload): the chain must end in one of them. */
  trustAnchors?: readonly Uint8Array[];
  /** The host Thales will call: the server certificate must be valid for it (RFC 6125). */
  host?: string;
};

export type CertificateSummaryOut = {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  sha256: string;
  role: ChainRole;
  details: CertificateSummary;
};

export type CsrSummaryOut = { subject: string; publicKey: string; signatureAlgorithm: string; details: CsrSummary };

export type CheckReport = {
  verdict: "accepted" | "rejected";
  findings: Finding[];
  found: string;
  /** Leaf → root. */
  certificates: CertificateSummaryOut[];
  csr?: CsrSummaryOut;
  /** What the portal stores: normalized PEM, chain order. Absent when rejected for a private key or size. */
  normalizedPem?: string;
  anchoredInMozilla?: boolean;
  /** The validated path, leaf first (server chains and trust stores). */
  path?: ChainAnalysis["path"];
  /** PEM trust store derivable from the upload when the chain is not Mozilla-anchored. */
  derivedTrustStorePem?: string;
  /** One openssl command that fixes every finding of a client credential (CSR or self-signed certificate). */
  fix?: FixCommand;
};

const certOut = (
  der: Uint8Array,
  s: CertificateSummary,
  role: ChainRole,
): CertificateSummaryOut & { der: Uint8Array } => ({
  subject: s.subject.rfc4514,
  issuer: s.issuer.rfc4514,
  serialNumber: s.serialNumber,
  notBefore: s.notBefore,
  notAfter: s.notAfter,
  sha256: s.sha256,
  role,
  details: s,
  der,
});

/** Check one upload for one program, environment, identifier and asset kind. Never throws on user input. */
export async function checkAsset(input: Uint8Array | string, opts: CheckAssetOptions): Promise<CheckReport> {
  return checkAssetSync(input, opts);
}

/** Synchronous form of checkAsset (same result), for benchmarks and batch use. */
export function checkAssetSync(input: Uint8Array | string, opts: CheckAssetOptions): CheckReport {
  try {
    return run(input, opts);
  } catch {
    // Defensive: a bug must not take the upload path down, nor leak input in a stack trace.
    return {
      verdict: "rejected",
      found: "unreadable input",
      certificates: [],
      findings: [
        error(
          "INTERNAL_CHECK_ERROR",
          "The file could not be checked because of an internal error.",
          "Try exporting the file again as PEM; if it persists, contact the Thales delivery team.",
        ),
      ],
    };
  }
}

function run(input: Uint8Array | string, opts: CheckAssetOptions): CheckReport {
  const decoded = decodeInput(input);
  const findings: Finding[] = [...decoded.findings];
  const base = { found: decoded.found, certificates: [] as CertificateSummaryOut[] };
  if (decoded.privateKeyDetected || findings.some((f) => f.code === "INPUT_TOO_LARGE")) {
    return { verdict: "rejected", findings: sortFindings(findings), ...base };
  }
  const ctx: PolicyContext = {
    program: opts.program,
    environment: opts.environment,
    identifier: opts.identifier,
    now: opts.now,
    ...(opts.expectedCn !== undefined ? { expectedCn: opts.expectedCn } : {}),
  };
  const rules = programRules(opts.program);
  if (!rules.customerAssets.includes(opts.asset)) {
    findings.push(
      error(
        "ASSET_NOT_FOR_PROGRAM",
        opts.asset === "csr"
          ? `${rules.label} does not use a CSR: the client credential is a self-signed certificate that Thales pins.`
          : `${rules.label} client certificates are issued by Thales from your CSR; a customer does not upload one.`,
        opts.asset === "csr"
          ? "Create a self-signed certificate (openssl req -x509 …) and check it with --asset client-certificate."
          : "Upload your CSR with --asset csr.",
      ),
    );
  }
  let report: CheckReport;
  const file: FileObjects = { csrs: decoded.csrs, certs: decoded.certificates, findings, base };
  if (opts.asset === "csr") report = checkCsrAsset(file, ctx);
  else if (opts.asset === "client-certificate") report = checkClientCertAsset(file, ctx);
  else report = checkChainAsset(file, opts);
  report.findings.push(...outOfBoundKeys(report), ...unsafeNames(report));
  report.findings = sortFindings(report.findings);
  report.verdict = hasErrors(report.findings) ? "rejected" : "accepted";
  return withFix(report, opts);
}

/**
 * The report with its one fix command, from its findings as they stand (the upload service calls it again after
 * adding findings of its own, e.g. ENVIRONMENT_MIXUP). Only for the credential the customer makes with openssl:
 * a CSR of a program Thales signs, or a self-signed client certificate.
 */
export function withFix(
  report: CheckReport,
  opts: Pick<CheckAssetOptions, "program" | "environment" | "identifier" | "expectedCn" | "asset">,
): CheckReport {
  const { fix: _old, ...rest } = report;
  const issues = thalesIssues(opts.program);
  const made =
    opts.asset === "csr" && issues
      ? report.csr?.details
      : opts.asset === "client-certificate" && !issues
        ? report.certificates[0]?.details
        : undefined;
  if (!made) return rest;
  const fix = fixCommand({ ...opts, subject: made.subject.rdns, key: made.publicKey, findings: report.findings });
  return fix ? { ...rest, fix } : rest;
}

/** RSA keys too large to verify with (lib/pki/key-bounds.ts): signature checks already skipped them. */
function outOfBoundKeys(report: CheckReport): Finding[] {
  const f = report.certificates.flatMap((c) => keyBoundFindings(c.details.publicKey, `Certificate "${c.subject}"`));
  if (report.csr) f.push(...keyBoundFindings(report.csr.details.publicKey, "The CSR"));
  return f;
}

/** Control and bidi characters in any subject or issuer field (lib/pki/visible-text.ts). */
function unsafeNames(report: CheckReport): Finding[] {
  const raw = (dn: { rdns: { value: string }[][] }) =>
    dn.rdns
      .flat()
      .map((a) => a.value)
      .join(" ");
  const f = report.certificates.flatMap((c) => [
    ...unsafeTextFindings(`The subject of certificate "${c.subject}"`, raw(c.details.subject)),
    ...unsafeTextFindings(`The issuer of certificate "${c.subject}"`, raw(c.details.issuer)),
  ]);
  if (report.csr) f.push(...unsafeTextFindings("The subject of the CSR", raw(report.csr.details.subject)));
  return f;
}

type Base = { found: string; certificates: CertificateSummaryOut[] };

/** What the file holds, the findings so far and the report fields every asset's report starts from. */
type FileObjects = { csrs: Uint8Array[]; certs: Uint8Array[]; findings: Finding[]; base: Base };

/** The file holds none of what the asset is: rejected, and WRONG_OBJECT_KIND when it holds the other object instead. */
function rejectMissing(file: FileObjects, holdsOther: boolean, message: string, hint: string): CheckReport {
  if (holdsOther) file.findings.push(error("WRONG_OBJECT_KIND", message, hint));
  return { verdict: "rejected", findings: file.findings, ...file.base };
}

function checkCsrAsset(file: FileObjects, ctx: PolicyContext): CheckReport {
  const { csrs, certs, findings, base } = file;
  if (csrs.length === 0) {
    const held = certs.length === 1 ? "a certificate" : `${certs.length} certificates`;
    const hint = "Upload the .csr file made by openssl req -new (it starts with -----BEGIN CERTIFICATE REQUEST-----).";
    return rejectMissing(file, certs.length > 0, `A CSR was expected, but the file holds ${held}.`, hint);
  }
  if (csrs.length > 1)
    findings.push(
      error(
        "MULTIPLE_CSRS",
        `The file holds ${csrs.length} CSRs; upload one CSR per environment and identifier.`,
        "Upload each CSR separately.",
      ),
    );
  if (certs.length)
    findings.push(
      warning("CERTIFICATES_IGNORED", `${certs.length} certificate(s) in the file were ignored: a CSR was expected.`),
    );
  const r = tryReadCsr(csrs[0]!);
  if (!r.ok) return { verdict: "rejected", findings: [...findings, r.finding], ...base };
  const s = r.value.summary;
  findings.push(...checkD1Csr(r.value, ctx));
  return {
    verdict: "rejected",
    findings,
    ...base,
    csr: {
      subject: s.subject.rfc4514,
      publicKey: s.publicKey.description,
      signatureAlgorithm: s.signatureAlgorithm.name,
      details: s,
    },
    normalizedPem: toPem("CERTIFICATE REQUEST", csrs[0]!),
  };
}

function checkClientCertAsset(file: FileObjects, ctx: PolicyContext): CheckReport {
  const { csrs, certs, findings, base } = file;
  if (certs.length === 0) {
    const hint = thalesIssues(ctx.program)
      ? "Upload the CSR with --asset csr; Thales returns the signed certificate."
      : `Create the self-signed certificate from your key: ${credentialCommand(ctx.program, "/CN=<CN from the portal>")}`;
    return rejectMissing(file, csrs.length > 0, "A certificate was expected, but the file holds a CSR.", hint);
  }
  const parsed: ParsedCertificate[] = [];
  for (const der of certs) {
    const r = tryReadCertificate(der);
    if (r.ok) parsed.push(r.value);
    else findings.push(r.finding);
  }
  const client = parsed.find((c) => !isCa(c.summary)) ?? parsed[0];
  if (!client) return { verdict: "rejected", findings, ...base };
  if (parsed.length > 1) {
    if (!thalesIssues(ctx.program)) {
      findings.push(
        error(
          "MULTIPLE_CERTIFICATES",
          `The file holds ${parsed.length} certificates; ` +
            `${programRules(ctx.program).shortName} pins exactly one self-signed client certificate.`,
          "Upload only the client certificate.",
        ),
      );
    } else
      findings.push(
        info(
          "EXTRA_CERTIFICATES_IGNORED",
          `${parsed.length - 1} other certificate(s) in the file (e.g. the Thales CA) were not checked.`,
        ),
      );
  }
  findings.push(...CLIENT_CERTIFICATE_CHECKS[programRules(ctx.program).clientCredential](client, ctx));
  const ordered = [client, ...parsed.filter((c) => c !== client)];
  return {
    verdict: "rejected",
    findings,
    ...base,
    certificates: ordered
      .map((c, i) => certOut(c.der, c.summary, i === 0 ? "leaf" : c.summary.selfIssued ? "root" : "intermediate"))
      .map(stripDer),
    normalizedPem: ordered.map((c) => toPem("CERTIFICATE", c.der)).join(""),
  };
}

function checkChainAsset(file: FileObjects, opts: CheckAssetOptions): CheckReport {
  const { csrs, certs, findings, base } = file;
  if (csrs.length)
    findings.push(
      error(
        "WRONG_OBJECT_KIND",
        `A ${opts.asset === "trust-store" ? "trust store" : "server certificate chain"} was expected, but the file holds a CSR.`,
        "Upload the PEM certificates (server certificate, intermediates, root).",
      ),
    );
  if (certs.length === 0) return { verdict: "rejected", findings, ...base };
  const roots = opts.trustAnchors ?? opts.roots;
  const a = analyzeChain(certs, {
    now: opts.now,
    mode: opts.asset === "trust-store" ? "trust-store" : "server-chain",
    ...(roots ? { roots } : {}),
    ...(opts.trustAnchors ? { requireAnchor: true } : {}),
    ...(opts.host !== undefined ? { host: opts.host } : {}),
  });
  findings.push(...a.findings);
  const report: CheckReport = {
    verdict: "rejected",
    findings,
    ...base,
    certificates: a.certificates.map((c) => stripDer(certOut(c.der, c.summary, c.role))),
    normalizedPem: a.certificates.map((c) => toPem("CERTIFICATE", c.der)).join(""),
    anchoredInMozilla: a.anchoredInMozilla,
    path: a.path,
  };
  if (a.trustStore.derivable)
    report.derivedTrustStorePem = a.trustStore.certificates.map((d) => toPem("CERTIFICATE", d)).join("");
  return report;
}

function stripDer<T extends { der: Uint8Array }>(c: T): Omit<T, "der"> {
  const { der: _der, ...rest } = c;
  return rest;
}

export type CliJson = {
  verdict: "accepted" | "rejected";
  found: string;
  findings: Finding[];
  /** The report's summaries without the parsed details (the CLI prints the summary lines). */
  certificates: Omit<CertificateSummaryOut, "details">[];
  csr?: Omit<CsrSummaryOut, "details">;
  /** Server chains and trust stores: the validated path, leaf first; `trust-anchors` marks an anchor not uploaded. */
  path?: { sha256: string; subject: string; source: "upload" | "trust-anchors" }[];
  /** The one command that fixes every finding (client credentials), with how to read it. */
  fix?: { command: string; notes: string[] };
};

/** The JSON object `portal-check --json` prints; the REST API returns the same. */
export function toCliJson(report: CheckReport): CliJson {
  const out: CliJson = {
    verdict: report.verdict,
    found: report.found,
    findings: report.findings.map((f) => ({
      severity: f.severity,
      code: f.code,
      message: f.message,
      ...(f.hint ? { hint: f.hint } : {}),
    })),
    certificates: report.certificates.map(({ subject, issuer, serialNumber, notBefore, notAfter, sha256, role }) => ({
      subject,
      issuer,
      serialNumber,
      notBefore,
      notAfter,
      sha256,
      role,
    })),
  };
  if (report.csr)
    out.csr = {
      subject: report.csr.subject,
      publicKey: report.csr.publicKey,
      signatureAlgorithm: report.csr.signatureAlgorithm,
    };
  if (report.path) out.path = report.path.map(({ sha256, subject, source }) => ({ sha256, subject, source }));
  if (report.fix) out.fix = { command: report.fix.command, notes: report.fix.notes };
  return out;
}
