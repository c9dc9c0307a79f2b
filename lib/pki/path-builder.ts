/**
 * Certification path building (RFC 4158 in spirit, as Go's crypto/x509 buildChains and BoringSSL's
 * pki/path_builder do): depth-first from the leaf over candidate issuers found by name, ordered by key
 * identifier agreement and validity, with signature checks and search steps budgeted in proportion to the input
 * so a hostile upload (100 self-issued certificates with huge RSA exponents) ends quickly with a finding.
 */
import { storeCopy, type RootStore } from "./mozilla-roots";
import type { ParsedCertificate } from "./parse-certificate";
import { keyOutOfBounds } from "./key-bounds";
import type { PublicKeyInfo } from "./public-key";
import { verifySignature } from "./signature";

/** How a candidate path ends: at a trust anchor, at a self-signed certificate of the upload, or nowhere. */
export type PathEnd = "anchor" | "self-signed" | "incomplete" | "too-long";

/**
 * Leaf first. `anchor` is the trust anchor (the store's certificate); `anchorInPath` when the upload holds a copy
 * of it too, as the last of `certs`.
 */
export type CandidatePath = {
  certs: ParsedCertificate[];
  end: PathEnd;
  anchor?: ParsedCertificate;
  anchorInPath: boolean;
};

/** Work allowed for one analysis: weighted signature checks and search steps. */
export type Budget = { units: number; steps: number; exhausted: boolean };

/** Certificates (uploaded + at most one anchor) per path, leaf included; RFC 5280 sets none, clients use 10-32. */
export const MAX_PATH_CERTIFICATES = 10;

/** Proportional to the input: a normal chain uses a few units, the allowance grows with each certificate. */
export function makeBudget(certificates: number): Budget {
  return { units: 64 + 16 * certificates, steps: 64 + 16 * certificates, exhausted: false };
}

/**
 * Cost of one verification with this key, in units of an RSA-4096/e=65537 or EC verification (~0.1 ms): quadratic
 * in the modulus, linear in the exponent's bits. Read off the DER summary, so pricing a check imports nothing.
 */
export function verifyCost(key: PublicKeyInfo): number {
  // An out-of-bounds key is refused before any arithmetic (lib/pki/key-bounds.ts): it costs a lookup, not a check.
  if (keyOutOfBounds(key)) return 1;
  if (key.type !== "rsa" && key.type !== "rsa-pss") return 1;
  const size = Math.max(1, (key.bits ?? 2048) / 4096);
  return Math.ceil(size * size * Math.max(1, (key.exponentBits ?? 17) / 17));
}

export type Signs = (issuer: ParsedCertificate, c: ParsedCertificate) => boolean | undefined;

/** Memoized "does `issuer` sign `c`?"; undefined once the budget is spent (the caller stops searching). */
export function makeSigns(budget: Budget): Signs {
  const memo = new Map<string, boolean>();
  return (issuer, c) => {
    const k = issuer.summary.sha256 + c.summary.sha256;
    const hit = memo.get(k);
    if (hit !== undefined) return hit;
    const cost = verifyCost(issuer.summary.publicKey);
    if (budget.units < cost) {
      budget.exhausted = true;
      return undefined;
    }
    budget.units -= cost;
    const ok = verifySignature({
      algorithm: c.algorithm,
      data: c.tbs,
      signature: c.signature,
      key: issuer.key(),
      keyInfo: issuer.summary.publicKey,
    }).ok;
    memo.set(k, ok);
    return ok;
  };
}

export const isSelfIssued = (c: ParsedCertificate) => c.subjectKey === c.issuerKey;
const keyIdsAgree = (c: ParsedCertificate) =>
  !c.summary.authorityKeyIdentifier ||
  !c.summary.subjectKeyIdentifier ||
  c.summary.authorityKeyIdentifier === c.summary.subjectKeyIdentifier;
const validAt = (c: ParsedCertificate, now: Date) =>
  c.notBefore.getTime() <= now.getTime() && now.getTime() <= c.notAfter.getTime();

/** Lower is tried first: AKI = SKI, then no identifiers to compare, then a mismatch (a hint only, RFC 5280 §4.2.1.1). */
function rank(issuer: ParsedCertificate, c: ParsedCertificate, now: Date): number {
  const aki = c.summary.authorityKeyIdentifier;
  const ski = issuer.summary.subjectKeyIdentifier;
  const ids = !aki || !ski ? 1 : aki === ski ? 0 : 4;
  return ids + (validAt(issuer, now) ? 0 : 2);
}

export type BuildInput = {
  leaf: ParsedCertificate;
  /** Uploaded certificates that may serve as intermediates (may include the leaf; it is skipped). */
  pool: readonly ParsedCertificate[];
  store: RootStore;
  signs: Signs;
  budget: Budget;
  now: Date;
};

/** Candidate paths from `leaf`, best-first; stops when the budget is spent. */
export function* candidatePaths(input: BuildInput): Generator<CandidatePath> {
  const bySubject = new Map<string, ParsedCertificate[]>();
  for (const c of input.pool) bySubject.set(c.subjectKey, [...(bySubject.get(c.subjectKey) ?? []), c]);
  const sorted = (list: readonly ParsedCertificate[], c: ParsedCertificate) =>
    [...list].sort((a, b) => rank(a, c, input.now) - rank(b, c, input.now));
  const { budget, signs, store } = input;

  function* extend(path: ParsedCertificate[]): Generator<CandidatePath> {
    if (budget.steps-- <= 0) {
      budget.exhausted = true;
      return;
    }
    const c = path[path.length - 1]!;
    // An uploaded copy of a trust anchor ends the path there (RFC 5280 §6.1: the anchor is not processed further).
    // The anchor is the store's copy: an uploaded cross-signed or expired edition of a root does not count.
    const copy = storeCopy(store, c);
    if (copy) {
      yield { certs: path, end: "anchor", anchor: copy, anchorInPath: true };
      return;
    }
    let found = false;
    for (const root of sorted(store.bySubject.get(c.issuerKey) ?? [], c)) {
      const ok = signs(root, c);
      if (ok === undefined) return;
      if (ok) {
        found = true;
        yield { certs: path, end: "anchor", anchor: root, anchorInPath: false };
      }
    }
    if (isSelfIssued(c)) {
      // A root of the upload becomes the trust anchor, whose self-signature is not relied upon (RFC 5280
      // §6.1.1(d); OpenSSL checks it only with -check_ss_sig): name and key identifiers decide, the signature
      // only when the identifiers disagree (a possible key rollover).
      const ok = keyIdsAgree(c) || signs(c, c);
      if (ok === undefined) return;
      if (ok) {
        found = true;
        yield { certs: path, end: "self-signed", anchorInPath: false };
      }
    }
    const seen = new Set(path.map((p) => `${p.subjectKey}|${p.summary.spkiSha256}`));
    for (const issuer of sorted(bySubject.get(c.issuerKey) ?? [], c)) {
      if (issuer === c || seen.has(`${issuer.subjectKey}|${issuer.summary.spkiSha256}`)) continue;
      const ok = signs(issuer, c);
      if (ok === undefined) return;
      if (!ok) continue;
      found = true;
      if (path.length >= MAX_PATH_CERTIFICATES) {
        yield { certs: path, end: "too-long", anchorInPath: false };
        return;
      }
      yield* extend([...path, issuer]);
    }
    if (!found) yield { certs: path, end: "incomplete", anchorInPath: false };
  }
  yield* extend([input.leaf]);
}
