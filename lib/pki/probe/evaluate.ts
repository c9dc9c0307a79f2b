/**
 * The endpoint check's judgement (issue 13): from what the probe saw at every address, findings and the handshake
 * summary that the portal stores and shows. Pure: `now` and the expected material come in as parameters.
 */
import { createHash } from "node:crypto";
import { readTlv } from "../der";
import { nameKey, readName } from "../dn";
import { expiryStage, EXPIRES_SOON_DAYS } from "../expiry";
import { finding, type Finding } from "../findings";
import { tryReadCertificate, type ParsedCertificate } from "../parse-certificate";
import { leafCoversHost } from "./host-match";
import type { AddressObservation, ProbeObservation } from "./observations";

export type ProbeExpectations = {
  /** The uploaded CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN in force (DER, leaf first), if any. */
  uploadedChain: readonly Uint8Array[];
  /** Certificates that may anchor the served chain: the customer trust store, the uploaded roots, Mozilla roots. */
  anchors: readonly Uint8Array[];
  /** The Thales client CA(s) the server must list as acceptable: in force, and during a campaign the new one. */
  thalesClientCas: readonly Uint8Array[];
  /** Whether a name key (lib/pki/dn nameKey) is a root every client knows (the Mozilla store). */
  isKnownRoot?: (subjectKey: string) => boolean;
  now: Date;
};

export type ServedCertificate = { subject: string; issuer: string; sha256: string; notAfter: string };

export type HandshakeSummary = {
  address: string;
  tlsVersions: string[];
  servedChain: ServedCertificate[];
  clientCertificateRequested: boolean | null;
  clientCertificateRequired: boolean | null;
  acceptableCaNames: string[] | null;
  mutualHandshake?: { ok: boolean; error?: string };
};

export type ProbeResult = {
  verdict: "passed" | "warnings" | "failed";
  host: string;
  port: number;
  checkedAt: string;
  findings: Finding[];
  /** The first reachable address (or the first address); every address is in `addresses`. */
  handshake: HandshakeSummary | null;
  addresses: (HandshakeSummary & { refused?: string; reachable: boolean; error?: string })[];
};

const sha256 = (der: Uint8Array) => createHash("sha256").update(der).digest("hex");

function parsed(ders: readonly Uint8Array[]): ParsedCertificate[] {
  return ders.flatMap((d) => {
    const r = tryReadCertificate(d);
    return r.ok ? [r.value] : [];
  });
}

function dnText(der: Uint8Array): string {
  try {
    return readName(der, readTlv(der, 0)).rfc4514;
  } catch {
    return `#${Buffer.from(der).toString("hex")}`;
  }
}

function dnKey(der: Uint8Array): string | undefined {
  try {
    return nameKey(readName(der, readTlv(der, 0)));
  } catch {
    return undefined;
  }
}

function summarize(a: AddressObservation): HandshakeSummary {
  return {
    address: a.address,
    tlsVersions: a.tlsVersions,
    servedChain: parsed(a.servedChain).map((c) => ({
      subject: c.summary.subject.rfc4514,
      issuer: c.summary.issuer.rfc4514,
      sha256: c.summary.sha256,
      notAfter: c.summary.notAfter,
    })),
    clientCertificateRequested: a.clientCertificateRequested,
    clientCertificateRequired: a.clientCertificateRequired,
    acceptableCaNames: a.acceptableCaNames?.map(dnText) ?? null,
    ...(a.mutual ? { mutualHandshake: a.mutual } : {}),
  };
}

/** Findings for one reachable address's served chain, host and expiry. */
function chainFindings(a: AddressObservation, host: string, exp: ProbeExpectations, where: string): Finding[] {
  const out: Finding[] = [];
  const served = parsed(a.servedChain);
  const leaf = served[0];
  if (!leaf) return [finding("PROBE_NO_CERTIFICATE", `${where}: the server presented no certificate.`)];
  // Order: each certificate must be followed by its issuer (RFC 8446 §4.4.2, RFC 5246 §7.4.2).
  for (let i = 1; i < served.length; i++) {
    if (served[i - 1]!.issuerKey !== served[i]!.subjectKey) {
      out.push(
        finding(
          "PROBE_CHAIN_ORDER",
          `${where}: certificate ${i + 1} of the served chain does not issue certificate ${i}.`,
          "Serve the leaf first, then each issuer in turn (cat leaf.pem intermediate.pem > fullchain.pem).",
        ),
      );
      break;
    }
  }
  // Complete: from the leaf, issuers by name through the served certificates until one is anchored or self-issued.
  const anchors = parsed(exp.anchors);
  const anchorKeys = new Set(anchors.map((c) => c.subjectKey));
  const bySubject = new Map(served.map((c) => [c.subjectKey, c]));
  let cursor: ParsedCertificate | undefined = leaf;
  const visited = new Set<ParsedCertificate>();
  let complete = false;
  while (cursor && !visited.has(cursor)) {
    visited.add(cursor);
    if (
      cursor.issuerKey === cursor.subjectKey ||
      anchorKeys.has(cursor.issuerKey) ||
      exp.isKnownRoot?.(cursor.issuerKey)
    ) {
      complete = true;
      break;
    }
    cursor = bySubject.get(cursor.issuerKey);
  }
  if (!complete) {
    const missing = (cursor ?? [...visited].pop()!).summary.issuer.rfc4514;
    out.push(
      finding(
        "PROBE_CHAIN_INCOMPLETE",
        `${where}: the served chain stops before a trusted root: "${missing}" is not served.`,
        `Add the intermediate "${missing}" to the certificate file the server sends (after the leaf).`,
      ),
    );
  }
  // Same as the upload: the leaf, and every uploaded intermediate served.
  if (exp.uploadedChain.length) {
    const uploaded = parsed(exp.uploadedChain);
    const servedHashes = new Set(served.map((c) => c.summary.sha256));
    if (uploaded[0] && uploaded[0].summary.sha256 !== leaf.summary.sha256) {
      out.push(
        finding(
          "PROBE_CHAIN_MISMATCH",
          `${where}: the server presents "${leaf.summary.subject.rfc4514}" ` +
            `(SHA-256 ${leaf.summary.sha256.slice(0, 16)}…), not the uploaded leaf (SHA-256 ${uploaded[0].summary.sha256.slice(0, 16)}…).`,
          "Upload the chain the server really presents, or install the uploaded one on the server.",
        ),
      );
    } else {
      const absent = uploaded
        .slice(1)
        .filter((c) => !servedHashes.has(c.summary.sha256) && c.subjectKey !== c.issuerKey);
      if (absent.length) {
        out.push(
          finding(
            "PROBE_CHAIN_MISMATCH",
            `${where}: the uploaded intermediate "${absent[0]!.summary.subject.rfc4514}" is not served.`,
            "Serve the same intermediates as the uploaded chain, or upload the chain the server presents.",
          ),
        );
      }
    }
  }
  if (!leafCoversHost(leaf, host)) {
    out.push(
      finding(
        "PROBE_HOST_NOT_COVERED",
        `${where}: the served leaf does not cover ${host} (RFC 6125: subjectAltName DNS names).`,
        `Serve a certificate whose subjectAltName includes DNS:${host}.`,
      ),
    );
  }
  for (const c of served) {
    const stage = expiryStage(new Date(c.summary.notAfter), exp.now);
    if (stage === "expired") {
      out.push(
        finding(
          "PROBE_CERTIFICATE_EXPIRED",
          `${where}: "${c.summary.subject.rfc4514}" expired on ${c.summary.notAfter}.`,
        ),
      );
    } else if (stage !== undefined && stage <= EXPIRES_SOON_DAYS) {
      out.push(
        finding(
          "PROBE_CERTIFICATE_EXPIRING",
          `${where}: "${c.summary.subject.rfc4514}" expires on ${c.summary.notAfter}.`,
        ),
      );
    }
  }
  return out;
}

function clientAuthFindings(a: AddressObservation, exp: ProbeExpectations, where: string): Finding[] {
  if (a.clientCertificateRequested === false) {
    return [
      finding(
        "PROBE_CLIENT_AUTH_NOT_REQUESTED",
        `${where}: the server does not ask for a client certificate.`,
        "Require client certificates (nginx: ssl_verify_client on; HAProxy: verify required) and trust the Thales client CA.",
      ),
    ];
  }
  const out: Finding[] = [];
  if (a.clientCertificateRequired === false) {
    out.push(
      finding(
        "PROBE_CLIENT_AUTH_OPTIONAL",
        `${where}: a handshake without a client certificate succeeds.`,
        "Make the client certificate mandatory (nginx: ssl_verify_client on, not optional).",
      ),
    );
  }
  if (a.acceptableCaNames === null) {
    out.push(
      finding(
        "PROBE_CA_NAMES_UNREADABLE",
        `${where}: the acceptable CA names could not be read (the TLS 1.3 handshake could not be opened).`,
      ),
    );
  } else if (a.acceptableCaNames.length === 0) {
    out.push(finding("PROBE_CA_NAMES_EMPTY", `${where}: the server lists no acceptable CA names.`));
  } else if (exp.thalesClientCas.length) {
    const listed = new Set(a.acceptableCaNames.map(dnKey));
    const seen = new Set<string>();
    for (const ca of parsed(exp.thalesClientCas)) {
      if (seen.has(ca.subjectKey)) continue;
      seen.add(ca.subjectKey);
      if (!listed.has(ca.subjectKey)) {
        out.push(
          finding(
            "PROBE_THALES_CA_NOT_ACCEPTED",
            `${where}: "${ca.summary.subject.rfc4514}" is not among the CAs the server accepts.`,
            "Add the Thales client CA (downloaded from the portal) to the server's client-CA file, e.g. nginx ssl_client_certificate.",
          ),
        );
      }
    }
  }
  if (a.mutual && !a.mutual.ok) {
    out.push(
      finding(
        "PROBE_MUTUAL_HANDSHAKE_FAILED",
        `${where}: a handshake with the client certificate failed (${a.mutual.error ?? "refused"}).`,
      ),
    );
  }
  return out;
}

/** Findings and summary of one probe run. */
export function evaluateProbe(obs: ProbeObservation, exp: ProbeExpectations): ProbeResult {
  const findings: Finding[] = [];
  if (obs.portRefused) {
    findings.push(finding("PROBE_PORT_NOT_ALLOWED", `Port ${obs.port} is not probed: Thales calls 443 or 8443 only.`));
  }
  if (obs.dnsError) findings.push(finding("PROBE_DNS_FAILED", `${obs.host} does not resolve (${obs.dnsError}).`));
  const multi = obs.addresses.length > 1;
  for (const a of obs.addresses) {
    const where = multi ? `${a.address}` : `${obs.host} (${a.address})`;
    if (a.refused) {
      findings.push(
        finding(
          "PROBE_ADDRESS_NOT_ALLOWED",
          `${where}: ${a.refused} addresses are not probed.`,
          "Thales calls your endpoint on the public Internet: publish a public address for it.",
        ),
      );
      continue;
    }
    if (!a.reachable) {
      findings.push(
        finding(
          "PROBE_UNREACHABLE",
          `${where}: no TCP connection on port ${obs.port} (${a.error ?? "refused"}).`,
          "Open the port to the Thales source addresses and check the DNS record.",
        ),
      );
      continue;
    }
    if (!a.tlsVersions.length) {
      findings.push(finding("PROBE_TLS_FAILED", `${where}: no TLS handshake (${a.error ?? "no ServerHello"}).`));
      continue;
    }
    for (const v of ["TLSv1.2", "TLSv1.3"] as const) {
      if (!a.tlsVersions.includes(v))
        findings.push(finding("PROBE_TLS_VERSION_MISSING", `${where}: ${v} is not offered.`));
    }
    const old = a.tlsVersions.filter((v) => v !== "TLSv1.2" && v !== "TLSv1.3");
    if (old.length) findings.push(finding("PROBE_OLD_TLS_OFFERED", `${where}: ${old.join(", ")} still accepted.`));
    findings.push(...chainFindings(a, obs.host, exp, where));
    if (a.verified && !a.verified.ok) {
      findings.push(
        finding(
          "PROBE_CHAIN_NOT_TRUSTED",
          `${where}: the served chain does not verify against the given CA certificates (${a.verified.error ?? "untrusted"}).`,
          "Check that you downloaded the right CA bundle for this host and environment.",
        ),
      );
    }
    findings.push(...clientAuthFindings(a, exp, where));
  }
  if (!obs.addresses.length && !obs.dnsError && !obs.portRefused)
    findings.push(finding("PROBE_DNS_FAILED", `${obs.host} has no address.`));
  const leaves = new Set(obs.addresses.filter((a) => a.servedChain[0]).map((a) => sha256(a.servedChain[0]!)));
  if (leaves.size > 1)
    findings.push(
      finding(
        "PROBE_ADDRESSES_DIFFER",
        `The ${obs.addresses.length} addresses of ${obs.host} serve different certificates.`,
      ),
    );
  const summaries = obs.addresses.map((a) => ({
    ...summarize(a),
    refused: a.refused,
    reachable: a.reachable,
    error: a.error,
  }));
  const first = summaries.find((s) => s.reachable) ?? summaries[0];
  const verdict = findings.some((f) => f.severity === "error")
    ? "failed"
    : findings.some((f) => f.severity === "warning")
      ? "warnings"
      : "passed";
  return {
    verdict,
    host: obs.host,
    port: obs.port,
    checkedAt: exp.now.toISOString(),
    findings,
    handshake: first ? (({ refused: _r, reachable: _re, error: _e, ...h }) => h)(first) : null,
    addresses: summaries,
  };
}
