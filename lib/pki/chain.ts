/**
 * Chain analysis for server chains and trust stores (RFC 5280 §6.1, simplified: no policies, no name
 * constraints, no revocation). Orders leaf → intermediates → root whatever the input order, verifies every
 * signature, checks CA bits, key usage, path length and validity at `now`, and anchors in the root store.
 */
import { checkCertificate, describeCert } from "./certificate-checks";
import { error, info, warning, type Finding } from "./findings";
import { rootStoreFor, storeContains, type RootStore } from "./mozilla-roots";
import { isCa, tryReadCertificate, type CertificateSummary, type ParsedCertificate } from "./parse-certificate";
import { verifySignature } from "./signature";

export type ChainRole = "leaf" | "intermediate" | "root";
export type ChainCertificate = { der: Uint8Array; summary: CertificateSummary; role: ChainRole };

export type ChainAnalysis = {
  /** Leaf → root; for trust stores, each chain in turn; unrelated certificates last. */
  certificates: ChainCertificate[];
  findings: Finding[];
  /** The (first) chain ends in a root of the store (Node's Mozilla store unless `roots` was given). */
  anchoredInMozilla: boolean;
  /** The store root the chain anchors in, when it was not uploaded. */
  anchor?: CertificateSummary;
  /** What Thales needs as a PEM trust store when the chain is not Mozilla-anchored. */
  trustStore: { needed: boolean; derivable: boolean; certificates: Uint8Array[] };
};

export type AnalyzeChainOptions = {
  now: Date;
  mode: "server-chain" | "trust-store";
  /** Trust anchors as DER; default Node's Mozilla store. */
  roots?: readonly Uint8Array[];
};

const MAX_DEPTH = 10;

/** Does `issuer` sign `c`? Memoized per pair because path building may ask twice. */
function makeSigns() {
  const memo = new Map<string, boolean>();
  return (issuer: ParsedCertificate, c: ParsedCertificate): boolean => {
    const k = issuer.summary.sha256 + c.summary.sha256;
    let v = memo.get(k);
    if (v === undefined) {
      v = verifySignature({ algorithm: c.algorithm, data: c.tbs, signature: c.signature, key: issuer.key(), keyInfo: issuer.summary.publicKey }).ok;
      memo.set(k, v);
    }
    return v;
  };
}

/** AKI/SKI agree or cannot be compared (RFC 5280 §4.2.1.1 is a hint for path building, not a requirement). */
const keyIdsAgree = (issuer: ParsedCertificate, c: ParsedCertificate) =>
  !c.summary.authorityKeyIdentifier || !issuer.summary.subjectKeyIdentifier || c.summary.authorityKeyIdentifier === issuer.summary.subjectKeyIdentifier;

const isSelfIssued = (c: ParsedCertificate) => c.subjectKey === c.issuerKey;

/** Analyze certificates (DER, any order) as a server chain or a trust store. Never throws. */
export function analyzeChain(certs: readonly Uint8Array[], opts: AnalyzeChainOptions): ChainAnalysis {
  const findings: Finding[] = [];
  const parsed: ParsedCertificate[] = [];
  const seen = new Set<string>();
  for (const der of certs) {
    const r = tryReadCertificate(der);
    if (!r.ok) { findings.push(r.finding); continue; }
    if (seen.has(r.value.summary.sha256)) {
      findings.push(warning("DUPLICATE_CERTIFICATE", `Certificate ${describeCert(r.value)} appears twice; the copy was dropped.`));
      continue;
    }
    seen.add(r.value.summary.sha256);
    parsed.push(r.value);
  }
  const store = rootStoreFor(opts.roots);
  const signs = makeSigns();
  const bySubject = new Map<string, ParsedCertificate[]>();
  for (const c of parsed) bySubject.set(c.subjectKey, [...(bySubject.get(c.subjectKey) ?? []), c]);

  const issuerOf = (c: ParsedCertificate, exclude: Set<ParsedCertificate>): ParsedCertificate | undefined => {
    const cands = (bySubject.get(c.issuerKey) ?? []).filter((i) => i !== c && !exclude.has(i) && keyIdsAgree(i, c));
    // Prefer issuers valid at `now`, so an expired cross-sign does not hide a valid path.
    cands.sort((a, b) => Number(validAt(b, opts.now)) - Number(validAt(a, opts.now)));
    return cands.find((i) => signs(i, c));
  };
  const selfSigned = (c: ParsedCertificate) => isSelfIssued(c) && signs(c, c);

  // Leaves: certificates that issue no other uploaded certificate. Non-CA leaves first.
  const issuers = new Set<ParsedCertificate>();
  for (const c of parsed) if (!isSelfIssued(c)) { const i = issuerOf(c, new Set()); if (i) issuers.add(i); }
  const starts = parsed.filter((c) => !issuers.has(c)).sort((a, b) => Number(isCa(a.summary)) - Number(isCa(b.summary)));

  const out: ChainCertificate[] = [];
  const placed = new Set<ParsedCertificate>();
  let firstAnchored: boolean | undefined;
  let anchor: CertificateSummary | undefined;
  let firstPath: ParsedCertificate[] = [];
  const chainsToBuild = opts.mode === "trust-store" ? starts : starts.slice(0, 1);
  if (opts.mode === "server-chain") {
    const leaves = starts.filter((c) => !isCa(c.summary));
    if (leaves.length > 1) findings.push(error("CHAIN_MULTIPLE_LEAVES", `The upload holds ${leaves.length} unrelated end-entity certificates (${leaves.map(describeCert).join(", ")}); a server chain has one.`, "Upload one server certificate with its intermediates (and root if private)."));
  }
  for (const start of chainsToBuild) {
    if (placed.has(start)) continue;
    const path = buildPath(start, issuerOf, selfSigned, findings);
    const res = checkPath(path, store, opts, signs, findings);
    if (firstAnchored === undefined) { firstAnchored = res.anchored; anchor = res.anchor; firstPath = path; }
    else firstAnchored &&= res.anchored;
    path.forEach((c, i) => {
      if (placed.has(c)) return;
      placed.add(c);
      const top = i === path.length - 1 && selfSigned(c);
      out.push({ der: c.der, summary: c.summary, role: top ? "root" : i === 0 && (!isCa(c.summary) || opts.mode === "server-chain" && path.length === 1) ? "leaf" : "intermediate" });
    });
  }
  for (const c of parsed) {
    if (placed.has(c)) continue;
    findings.push(warning("CHAIN_UNUSED_CERTIFICATE", `Certificate ${describeCert(c)} is not part of the chain of ${describeCert(firstPath[0]!)}; it was kept at the end.`, "Remove certificates that do not belong to this server's chain."));
    findings.push(...checkCertificate(c, opts.now, { isSelfSignedRoot: selfSigned(c) }));
    out.push({ der: c.der, summary: c.summary, role: selfSigned(c) ? "root" : isCa(c.summary) ? "intermediate" : "leaf" });
  }
  const anchored = firstAnchored ?? false;
  if (opts.mode === "trust-store") for (const c of parsed) {
    if (!isCa(c.summary)) findings.push(error("TRUST_STORE_NOT_CA", `Certificate ${describeCert(c)} is not a CA certificate; a trust store holds only CA certificates.`, "Remove server certificates from the trust store; keep the root (and intermediate) CAs."));
  }
  const caCerts = out.filter((c) => c.role !== "leaf").map((c) => c.der);
  const topIsRoot = out.some((c) => c.role === "root");
  const trustStore = { needed: !anchored, derivable: !anchored && topIsRoot, certificates: !anchored && topIsRoot ? caCerts : [] };
  if (parsed.length > 0) summarizeAnchoring(opts, anchored, trustStore.derivable, findings, store);
  return { certificates: out, findings, anchoredInMozilla: anchored, ...(anchor ? { anchor } : {}), trustStore };
}

function validAt(c: ParsedCertificate, now: Date): boolean {
  return c.notBefore.getTime() <= now.getTime() && now.getTime() <= c.notAfter.getTime();
}

function buildPath(
  start: ParsedCertificate,
  issuerOf: (c: ParsedCertificate, exclude: Set<ParsedCertificate>) => ParsedCertificate | undefined,
  selfSigned: (c: ParsedCertificate) => boolean,
  findings: Finding[],
): ParsedCertificate[] {
  const path = [start];
  const inPath = new Set(path);
  let cur = start;
  while (!selfSigned(cur)) {
    const next = issuerOf(cur, inPath);
    if (!next) break;
    if (path.length >= MAX_DEPTH) {
      findings.push(error("CHAIN_TOO_LONG", `The chain is longer than ${MAX_DEPTH} certificates.`));
      break;
    }
    path.push(next);
    inPath.add(next);
    cur = next;
  }
  return path;
}

/** Link checks along one path and anchoring in the store. */
function checkPath(
  path: ParsedCertificate[],
  store: RootStore,
  opts: AnalyzeChainOptions,
  signs: (i: ParsedCertificate, c: ParsedCertificate) => boolean,
  findings: Finding[],
): { anchored: boolean; anchor?: CertificateSummary } {
  const top = path[path.length - 1]!;
  const topSelfSigned = isSelfIssued(top) && signs(top, top);
  // Anchoring: a path certificate is itself a store root, or the store holds the top's issuer.
  let anchorAt = path.findIndex((c) => storeContains(store, c));
  let external: ParsedCertificate | undefined;
  if (anchorAt < 0 && !topSelfSigned) {
    external = (store.bySubject.get(top.issuerKey) ?? []).find((r) => signs(r, top));
    if (external) anchorAt = path.length;
  }
  const checked = anchorAt >= 0 ? path.slice(0, Math.min(anchorAt + 1, path.length)) : path;
  checked.forEach((c, i) => {
    const isRoot = i === path.length - 1 && topSelfSigned;
    // A trust anchor from the store is an input to validation (RFC 5280 §6.1.1(d)), not something to judge.
    if (i === anchorAt) return;
    findings.push(...checkCertificate(c, opts.now, { isSelfSignedRoot: isRoot }));
  });
  const issuers = [...checked.slice(1), ...(external ? [external] : [])];
  issuers.forEach((ca, k) => {
    const fromStore = external === ca || storeContains(store, ca);
    if (fromStore) return;
    const name = describeCert(ca);
    if (!isCa(ca.summary)) findings.push(error("ISSUER_NOT_CA", `Certificate ${name} issues ${describeCert(path[k]!)} but is not a CA (basicConstraints cA is not set, RFC 5280 §4.2.1.9).`));
    if (ca.summary.keyUsage && !ca.summary.keyUsage.includes("keyCertSign")) findings.push(error("ISSUER_KEY_USAGE", `CA ${name} lacks keyCertSign in its key usage (RFC 5280 §4.2.1.3).`));
    const pathLen = ca.summary.basicConstraints?.pathLength;
    // pathLenConstraint counts the non-self-issued intermediates below this CA (RFC 5280 §4.2.1.9).
    const below = path.slice(1, k + 1).filter((x) => !isSelfIssued(x)).length;
    if (pathLen !== undefined && below > pathLen) findings.push(error("PATH_LENGTH_EXCEEDED", `CA ${name} allows ${pathLen} intermediate(s) below it, but the chain has ${below}.`));
  });
  const leaf = path[0]!;
  if (opts.mode === "server-chain" && !isCa(leaf.summary)) findings.push(...checkServerLeaf(leaf));
  if (opts.mode === "server-chain" && isCa(leaf.summary)) findings.push(info("CHAIN_WITHOUT_SERVER_CERTIFICATE", "The upload holds only CA certificates; they were treated as the server's CA chain."));
  if (anchorAt < 0 && !topSelfSigned) {
    const missing = top.summary.issuer.rfc4514;
    findings.push(error(opts.mode === "trust-store" ? "TRUST_STORE_MISSING_ISSUER" : "CHAIN_INCOMPLETE", `The issuer of ${describeCert(top)} (${missing}) is neither in the upload nor a trusted root: an intermediate (or, for a private CA, the root) certificate is missing.`, "Add the intermediate CA certificate(s) (and, for a private CA, the root) to the upload, in any order."));
  }
  return { anchored: anchorAt >= 0, ...(external ? { anchor: external.summary } : {}) };
}

function checkServerLeaf(leaf: ParsedCertificate): Finding[] {
  const f: Finding[] = [];
  const s = leaf.summary;
  const name = describeCert(leaf);
  if (s.extendedKeyUsage && !s.extendedKeyUsage.some((e) => e === "serverAuth" || e === "anyExtendedKeyUsage")) {
    f.push(error("LEAF_EKU_NOT_SERVER_AUTH", `Server certificate ${name} is not allowed for TLS servers (extended key usage: ${s.extendedKeyUsage.join(", ")}).`, "Request a certificate with extendedKeyUsage serverAuth."));
  }
  if (s.keyUsage?.includes("keyCertSign")) f.push(error("LEAF_KEY_USAGE_CERT_SIGN", `Server certificate ${name} has keyCertSign but is not a CA (RFC 5280 §4.2.1.3).`));
  if (!s.subjectAltNames?.some((n) => n.type === "dns" || n.type === "ip")) {
    f.push(warning("LEAF_NO_SAN", `Server certificate ${name} has no DNS name in subjectAltName; TLS clients match host names against it (RFC 6125 §6.4).`, "Request the certificate with -addext \"subjectAltName=DNS:your.host.example\"."));
  }
  return f;
}

function summarizeAnchoring(opts: AnalyzeChainOptions, anchored: boolean, derivable: boolean, findings: Finding[], store: RootStore) {
  const storeName = opts.roots ? "the given root store" : "the Mozilla root store";
  if (anchored) {
    findings.push(info(opts.mode === "trust-store" ? "TRUST_STORE_NOT_NEEDED" : "CHAIN_ANCHORED_IN_MOZILLA", `The chain ends in a root of ${storeName} (${store.size} roots)${opts.mode === "trust-store" ? "; Thales does not need a trust store for it" : ""}.`));
    return;
  }
  if (opts.mode === "trust-store") return;
  findings.push(warning("CHAIN_NOT_MOZILLA_TRUSTED", `The chain does not end in a root of ${storeName}; Thales needs a PEM trust store for it.`,
    derivable ? "The portal can derive the trust store from this upload (its CA certificates); check and submit it as the trust store." : "Upload the PEM trust store (your root CA and intermediates) as the trust-store asset."));
  if (derivable) findings.push(info("TRUST_STORE_DERIVABLE", "A trust store can be derived from the uploaded CA certificates."));
}
