/**
 * Chain analysis for server chains and trust stores: RFC 5280 §6 path validation over paths built from the
 * upload (path-builder.ts), judged by path-validate.ts. The first valid path wins; certificates it does not use
 * are reported as info, never judged. Anchors are Node's Mozilla store unless `roots` is given.
 */
import { describeCert } from "./certificate-checks";
import { error, hasErrors, info, warning, type Finding } from "./findings";
import { rootStoreFor, storeContains, type RootStore } from "./mozilla-roots";
import { isCa, tryReadCertificate, type CertificateSummary, type ParsedCertificate } from "./parse-certificate";
import {
  candidatePaths,
  isSelfIssued,
  makeBudget,
  makeSigns,
  type Budget,
  type CandidatePath,
  type Signs,
} from "./path-builder";
import { validatePath, type PathContext } from "./path-validate";
import type { Purpose } from "./server-leaf";

export type ChainRole = "leaf" | "intermediate" | "root";
export type ChainCertificate = { der: Uint8Array; summary: CertificateSummary; role: ChainRole; inPath: boolean };

export type ChainAnalysis = {
  /** The chosen path leaf → root (for trust stores, each chain in turn), then the unused certificates. */
  certificates: ChainCertificate[];
  /** The chosen path as SHA-256 fingerprints, leaf first, ending with the trust anchor when it came from the store. */
  path: { sha256: string; subject: string; source: "upload" | "trust-anchors" }[];
  findings: Finding[];
  /** The chosen path ends in a trust anchor (Node's Mozilla store unless `roots` was given). */
  anchoredInMozilla: boolean;
  /** The store root the chain anchors in, when it was not uploaded. */
  anchor?: CertificateSummary;
  /** What Thales needs as a PEM trust store when the chain is not anchored. */
  trustStore: { needed: boolean; derivable: boolean; certificates: Uint8Array[] };
};

export type AnalyzeChainOptions = {
  now: Date;
  mode: "server-chain" | "trust-store";
  /** Trust anchors as DER; default Node's Mozilla store. */
  roots?: readonly Uint8Array[];
  /** The anchors were chosen by the caller (`--trust-anchors`): a chain that does not reach them is an error. */
  requireAnchor?: boolean;
  /** Host name or IP address the client dials; checked against the leaf (RFC 6125) when given. */
  host?: string;
  /** Default serverAuth; clientAuth judges a client chain the same way. */
  purpose?: Purpose;
  /** The first certificate is the peer's own, as a TLS handshake presents it. */
  leafFirst?: boolean;
  /** Most intermediates allowed (self-issued not counted). */
  maxIntermediates?: number;
};

type Outcome = { path: CandidatePath; findings: Finding[] };

/** Better failure to explain: anchored beats self-signed beats incomplete, then fewer errors. */
const score = (o: Outcome) =>
  ({ anchor: 0, "self-signed": 1, "too-long": 2, incomplete: 3 })[o.path.end] * 1000 +
  o.findings.filter((f) => f.severity === "error").length;

/**
 * Try the candidate paths of one leaf: the first valid path to a trust anchor wins; a valid path to a
 * self-signed root of the upload (a private CA) is kept while the search goes on; else the most telling failure.
 */
function judgeLeaf(
  leaf: ParsedCertificate,
  pool: ParsedCertificate[],
  store: RootStore,
  signs: Signs,
  budget: Budget,
  ctx: PathContext,
): Outcome | undefined {
  let best: Outcome | undefined;
  for (const path of candidatePaths({ leaf, pool, store, signs, budget, now: ctx.now })) {
    const findings = validatePath(path, ctx);
    const o = { path, findings: [...findings, ...endFindings(path, ctx)] };
    if (!hasErrors(o.findings) && path.end === "anchor") return o;
    if (
      !best ||
      (hasErrors(best.findings) && !hasErrors(o.findings)) ||
      (hasErrors(best.findings) && score(o) < score(best))
    )
      best = o;
  }
  return best;
}

function endFindings(p: CandidatePath, ctx: PathContext): Finding[] {
  const top = p.certs[p.certs.length - 1]!;
  if (p.end === "too-long")
    return [error("CHAIN_TOO_LONG", `The chain is longer than the ${p.certs.length} certificates the portal follows.`)];
  if (p.end !== "incomplete") return [];
  return [
    error(
      ctx.mode === "trust-store" ? "TRUST_STORE_MISSING_ISSUER" : "CHAIN_INCOMPLETE",
      `The issuer of ${describeCert(top)} (${top.summary.issuer.rfc4514}) is neither in the upload nor a trusted root: an intermediate (or, for a private CA, the root) certificate is missing.`,
      "Add the intermediate CA certificate(s) (and, for a private CA, the root) to the upload, in any order.",
    ),
  ];
}

/**
 * Leaves to try. A server chain starts at an end-entity certificate when the upload has one (an uploaded CA
 * never replaces a failing leaf); a CA-only upload is the server's CA chain and starts at its lowest CA.
 */
function leafCandidates(parsed: ParsedCertificate[], opts: AnalyzeChainOptions): ParsedCertificate[] {
  if (opts.leafFirst) return parsed.slice(0, 1);
  const issuerNames = new Set(parsed.filter((c) => !isSelfIssued(c)).map((c) => c.issuerKey));
  const issuesNothing = (c: ParsedCertificate) => !issuerNames.has(c.subjectKey);
  const lowest = (l: ParsedCertificate[]) => (l.some(issuesNothing) ? l.filter(issuesNothing) : l);
  const ee = parsed.filter((c) => !isCa(c.summary));
  if (opts.mode === "server-chain") return lowest(ee.length ? ee : parsed);
  // A trust store: every certificate should end up in some chain; start from the lowest ones.
  return [...parsed].sort(
    (a, b) =>
      Number(!issuesNothing(a)) - Number(!issuesNothing(b)) || Number(isCa(a.summary)) - Number(isCa(b.summary)),
  );
}

/** Analyze certificates (DER, any order) as a server chain or a trust store. Never throws. */
export function analyzeChain(certs: readonly Uint8Array[], opts: AnalyzeChainOptions): ChainAnalysis {
  const findings: Finding[] = [];
  const parsed: ParsedCertificate[] = [];
  const seen = new Set<string>();
  for (const der of certs) {
    const r = tryReadCertificate(der);
    if (!r.ok) {
      findings.push(r.finding);
      continue;
    }
    if (seen.has(r.value.summary.sha256)) {
      findings.push(
        warning("DUPLICATE_CERTIFICATE", `Certificate ${describeCert(r.value)} appears twice; the copy was dropped.`),
      );
      continue;
    }
    seen.add(r.value.summary.sha256);
    parsed.push(r.value);
  }
  const store = rootStoreFor(opts.roots);
  const budget = makeBudget(parsed.length);
  const signs = makeSigns(budget);
  const ctx: PathContext = {
    now: opts.now,
    mode: opts.mode,
    purpose: opts.purpose ?? "serverAuth",
    explicitLeaf: opts.leafFirst === true,
    ...(opts.roots ? {} : { vetted: (c: ParsedCertificate) => storeContains(store, c) }),
    ...(opts.host !== undefined ? { host: opts.host } : {}),
    ...(opts.maxIntermediates !== undefined ? { maxIntermediates: opts.maxIntermediates } : {}),
  };
  const chosen: Outcome[] = [];
  const placed = new Set<ParsedCertificate>();
  const starts = leafCandidates(parsed, opts);
  for (const leaf of starts) {
    if (placed.has(leaf) || budget.exhausted) continue;
    const o = judgeLeaf(leaf, parsed, store, signs, budget, ctx);
    if (!o) continue;
    if (opts.mode === "server-chain") {
      // Keep the first valid path; otherwise remember the most telling failure and try the next leaf.
      if (!chosen.length || (hasErrors(chosen[0]!.findings) && score(o) < score(chosen[0]!))) chosen[0] = o;
      if (!hasErrors(o.findings)) break;
    } else {
      chosen.push(o);
      o.path.certs.forEach((c) => placed.add(c));
    }
  }
  const lead = chosen[0]?.path.certs[0];
  if (opts.mode === "server-chain" && lead && isCa(lead.summary) && !opts.leafFirst) {
    findings.push(
      info(
        "CHAIN_WITHOUT_SERVER_CERTIFICATE",
        "The upload holds only CA certificates; they were treated as the server's CA chain.",
      ),
    );
  }
  if (budget.exhausted) {
    findings.push(
      error(
        "CHAIN_CHECK_BUDGET_EXCEEDED",
        `Building the chain from these ${parsed.length} certificates needs more signature checks than the portal allows for an upload of this size; the search was stopped.`,
        "Upload only the server certificate, its intermediates and (for a private CA) the root.",
      ),
    );
  }
  return report(parsed, chosen, findings, store, opts);
}

function report(
  parsed: ParsedCertificate[],
  chosen: Outcome[],
  findings: Finding[],
  store: RootStore,
  opts: AnalyzeChainOptions,
): ChainAnalysis {
  const out: ChainCertificate[] = [];
  const placed = new Set<ParsedCertificate>();
  const path: ChainAnalysis["path"] = [];
  const dedupe = new Set<string>();
  for (const [i, o] of chosen.entries()) {
    for (const f of o.findings) {
      const k = f.code + f.message;
      if (!dedupe.has(k)) {
        dedupe.add(k);
        findings.push(f);
      }
    }
    o.path.certs.forEach((c, j) => {
      if (i === 0) path.push({ sha256: c.summary.sha256, subject: c.summary.subject.rfc4514, source: "upload" });
      if (placed.has(c)) return;
      placed.add(c);
      const last = j === o.path.certs.length - 1;
      const root = last && (o.path.end === "self-signed" || o.path.anchorInPath) && isSelfIssued(c);
      const leaf = j === 0 && (!isCa(c.summary) || opts.mode === "server-chain");
      out.push({ der: c.der, summary: c.summary, role: root ? "root" : leaf ? "leaf" : "intermediate", inPath: true });
    });
    if (i === 0 && o.path.anchor && !o.path.anchorInPath)
      path.push({
        sha256: o.path.anchor.summary.sha256,
        subject: o.path.anchor.summary.subject.rfc4514,
        source: "trust-anchors",
      });
  }
  const first = chosen[0];
  for (const c of parsed) {
    if (placed.has(c)) continue;
    const of = first ? ` of ${describeCert(first.path.certs[0]!)}` : "";
    findings.push(
      info(
        "CHAIN_UNUSED_CERTIFICATE",
        `Certificate ${describeCert(c)} is not part of the chain${of}; it was not checked and is kept at the end.`,
        "You may remove certificates that do not belong to this server's chain.",
      ),
    );
    out.push({
      der: c.der,
      summary: c.summary,
      role: isSelfIssued(c) ? "root" : isCa(c.summary) ? "intermediate" : "leaf",
      inPath: false,
    });
  }
  const anchored = chosen.length > 0 && chosen.every((o) => o.path.end === "anchor");
  if (opts.mode === "trust-store")
    for (const c of parsed) {
      if (!isCa(c.summary))
        findings.push(
          error(
            "TRUST_STORE_NOT_CA",
            `Certificate ${describeCert(c)} is not a CA certificate; a trust store holds only CA certificates.`,
            "Remove server certificates from the trust store; keep the root (and intermediate) CAs.",
          ),
        );
    }
  const endsSelfSigned = first?.path.end === "self-signed";
  const caCerts = out.filter((c) => c.inPath && c.role !== "leaf").map((c) => c.der);
  const trustStore = {
    needed: !anchored,
    derivable: !anchored && endsSelfSigned,
    certificates: !anchored && endsSelfSigned ? caCerts : [],
  };
  if (parsed.length > 0) summarizeAnchoring(opts, anchored, trustStore.derivable, findings, store);
  const anchor = first?.path.anchor && !first.path.anchorInPath ? first.path.anchor.summary : undefined;
  return { certificates: out, path, findings, anchoredInMozilla: anchored, ...(anchor ? { anchor } : {}), trustStore };
}

function summarizeAnchoring(
  opts: AnalyzeChainOptions,
  anchored: boolean,
  derivable: boolean,
  findings: Finding[],
  store: RootStore,
) {
  const storeName = opts.roots ? "the given trust anchors" : "the Mozilla root store";
  if (anchored) {
    findings.push(
      info(
        opts.mode === "trust-store" ? "TRUST_STORE_NOT_NEEDED" : "CHAIN_ANCHORED_IN_MOZILLA",
        `The chain ends in a root of ${storeName} (${store.size} roots)${opts.mode === "trust-store" ? "; Thales does not need a trust store for it" : ""}.`,
      ),
    );
    return;
  }
  if (opts.mode === "trust-store") return;
  if (opts.requireAnchor) {
    findings.push(
      error(
        "CHAIN_NOT_ANCHORED",
        `The chain does not end in one of the given trust anchors (${store.size}); a client trusting only them refuses it.`,
        "Check that the trust store holds the root (or intermediate) CA that issued this chain.",
      ),
    );
    return;
  }
  findings.push(
    warning(
      "CHAIN_NOT_MOZILLA_TRUSTED",
      `The chain does not end in a root of ${storeName}; Thales needs a PEM trust store for it.`,
      derivable
        ? 'Once this chain is submitted, its version page offers "Submit its CAs as the trust store": the portal submits the chain\'s CA certificates as the trust store, reviewed like any upload.'
        : "Upload the PEM trust store (your root CA and intermediates) as the trust-store asset.",
    ),
  );
  if (derivable)
    findings.push(info("TRUST_STORE_DERIVABLE", "A trust store can be derived from the uploaded CA certificates."));
}
