/**
 * RFC 5280 §6.1 over one candidate path: per-certificate checks, issuer rules (basicConstraints, keyUsage,
 * pathLenConstraint), EKU nesting, name constraints, trust-anchor hygiene, depth, then the leaf (server-leaf.ts).
 * Returns findings; the path is valid when none is an error.
 */
import { checkCertificate, describeCert } from "./certificate-checks";
import { error, hasErrors, warning, type Finding } from "./findings";
import { checkConstraints, checkConstraintsExtension, MAX_CONSTRAINT_COMPARISONS } from "./name-constraints";
import { isCa, type ParsedCertificate } from "./parse-certificate";
import { isSelfIssued, type CandidatePath } from "./path-builder";
import { checkLeaf, ekuAllows, type Purpose } from "./server-leaf";

export type PathContext = {
  now: Date;
  mode: "server-chain" | "trust-store";
  purpose: Purpose;
  host?: string;
  /** The first certificate is the peer's own (a TLS handshake, x509-limbo): a CA there is an error. */
  explicitLeaf: boolean;
  /** Most intermediates (self-issued ones not counted), like x509-limbo's max_chain_depth. */
  maxIntermediates?: number;
  /** True for anchors of the default Mozilla store, whose profile is not the customer's to fix. */
  vetted?: (c: ParsedCertificate) => boolean;
};

const POLICY_CONSTRAINTS = "2.5.29.36";

/** Structure rules every certificate whose signature or contents the path relies on must meet. */
function checkStructure(c: ParsedCertificate): Finding[] {
  const f: Finding[] = [];
  const name = describeCert(c);
  const s = c.summary;
  if (s.version < 3 && s.extensions.length)
    f.push(
      error(
        "CERTIFICATE_VERSION_INVALID",
        `Certificate ${name} is version ${s.version} but carries extensions, which need version 3 (RFC 5280 §4.1.2.1).`,
      ),
    );
  for (const m of c.ext.malformed)
    f.push(
      error(
        "EXTENSION_MALFORMED",
        `Certificate ${name} has a malformed ${m} extension; strict TLS clients cannot parse the certificate.`,
      ),
    );
  const serial = c.serialRaw;
  if (serial.length && serial[0]! & 0x80)
    f.push(
      error(
        "SERIAL_NUMBER_NEGATIVE",
        `Certificate ${name} has a negative serial number (RFC 5280 §4.1.2.2); OpenSSL and Go refuse it.`,
      ),
    );
  else if (serial.every((b) => b === 0) || serial.length > 21 || (serial.length === 21 && serial[0] !== 0)) {
    f.push(
      warning(
        "SERIAL_NUMBER_NONCONFORMING",
        `Certificate ${name} has a serial number that is zero or longer than 20 octets (RFC 5280 §4.1.2.2).`,
      ),
    );
  }
  if (!isSelfIssued(c) && !c.ext.akiFields?.keyIdentifier)
    f.push(
      warning(
        "KEY_IDENTIFIER_MISSING",
        `Certificate ${name} has no authority key identifier (RFC 5280 §4.2.1.1); clients build the path without it.`,
      ),
    );
  if (isCa(s) && !s.subjectKeyIdentifier)
    f.push(
      warning(
        "KEY_IDENTIFIER_MISSING",
        `CA ${name} has no subject key identifier (RFC 5280 §4.2.1.2); clients build the path without it.`,
      ),
    );
  if (s.publicKey.type === "rsa" && (s.publicKey.bits ?? 0) % 8 !== 0) {
    f.push(
      warning(
        "KEY_SIZE_NOT_MULTIPLE_OF_8",
        `Certificate ${name} has a ${s.publicKey.description} key; publicly-trusted CAs use sizes divisible by 8 (CA/B BR §6.1.5).`,
      ),
    );
  }
  for (const e of s.extensions) {
    if ((e.oid === "2.5.29.35" || e.oid === "2.5.29.14") && e.critical)
      f.push(
        error(
          "KEY_IDENTIFIER_CRITICAL",
          `Certificate ${name} marks its ${e.name} critical; RFC 5280 §4.2.1.1-2 requires non-critical and OpenSSL's strict mode refuses it.`,
        ),
      );
    if (e.oid === POLICY_CONSTRAINTS && !e.critical)
      f.push(
        warning(
          "POLICY_CONSTRAINTS_NOT_CRITICAL",
          `CA ${name} has a non-critical policyConstraints extension (RFC 5280 §4.2.1.11).`,
        ),
      );
  }
  return f;
}

/** A self-signed anchor's AKI, when present, must name its own key (CA/B BR §7.1.2.1.3). */
function checkAnchorKeyId(a: ParsedCertificate): Finding[] {
  const aki = a.ext.akiFields;
  if (!aki || !isSelfIssued(a)) return [];
  if (!aki.keyIdentifier)
    return [
      warning(
        "KEY_IDENTIFIER_MISSING",
        `Root ${describeCert(a)} has an authority key identifier without a key identifier (CA/B BR §7.1.2.1.3).`,
      ),
    ];
  if (aki.issuer || aki.serial || a.summary.authorityKeyIdentifier !== a.summary.subjectKeyIdentifier) {
    // A warning: Mozilla-trusted roots (QuoVadis Root CA 2 and 3, Certigna) carry exactly this.
    return [
      warning(
        "KEY_IDENTIFIER_NONCONFORMING",
        `Root ${describeCert(a)} has an authority key identifier that is not just its own key identifier (CA/B BR §7.1.2.1.3).`,
      ),
    ];
  }
  return [];
}

/** Rules for a certificate that issues the one below it (RFC 5280 §6.1.4(k)-(n)); `below` counts intermediates. */
function checkIssuer(
  ca: ParsedCertificate,
  child: ParsedCertificate,
  below: number,
  purpose: Purpose | undefined,
): Finding[] {
  const f: Finding[] = [];
  const name = describeCert(ca);
  const s = ca.summary;
  if (!isCa(s))
    f.push(
      error(
        "ISSUER_NOT_CA",
        `Certificate ${name} issues ${describeCert(child)} but is not a CA (basicConstraints cA is not set, RFC 5280 §4.2.1.9).`,
      ),
    );
  else if (!s.basicConstraints!.critical)
    f.push(
      error(
        "BASIC_CONSTRAINTS_NOT_CRITICAL",
        `CA ${name} does not mark basicConstraints critical (RFC 5280 §4.2.1.9); OpenSSL's strict mode refuses it.`,
      ),
    );
  if (s.keyUsage && !s.keyUsage.includes("keyCertSign"))
    f.push(error("ISSUER_KEY_USAGE", `CA ${name} lacks keyCertSign in its key usage (RFC 5280 §4.2.1.3).`));
  if (s.subject.rdns.length === 0)
    f.push(error("CA_SUBJECT_EMPTY", `CA ${name} has an empty subject (RFC 5280 §4.1.2.6).`));
  const pathLen = s.basicConstraints?.pathLength;
  if (pathLen !== undefined && below > pathLen)
    f.push(
      error(
        "PATH_LENGTH_EXCEEDED",
        `CA ${name} allows ${pathLen} intermediate(s) below it, but the chain has ${below}.`,
      ),
    );
  // EKU nesting (what OpenSSL, BoringSSL and Go enforce): a CA restricted to other purposes cannot vouch for this one.
  if (purpose && !ekuAllows(s.extendedKeyUsage, purpose)) {
    f.push(
      error(
        purpose === "serverAuth" ? "CA_EKU_NOT_SERVER_AUTH" : "CA_EKU_NOT_CLIENT_AUTH",
        `CA ${name} is restricted to ${s.extendedKeyUsage!.join(", ")}, so TLS clients refuse the ${purpose === "serverAuth" ? "server" : "client"} certificates below it.`,
        `Use a CA whose extendedKeyUsage includes ${purpose} (or has none).`,
      ),
    );
  }
  return f;
}

/** Validate one candidate path. Errors mean a TLS client would refuse it. */
export function validatePath(p: CandidatePath, ctx: PathContext): Finding[] {
  const f: Finding[] = [];
  // Validate with the store's edition of an uploaded anchor copy (its own dates and extensions count).
  const certs = p.anchorInPath ? [...p.certs.slice(0, -1), p.anchor!] : p.certs;
  const top = certs[certs.length - 1]!;
  // The anchor: a store certificate (external or uploaded copy) or the upload's self-signed root.
  const anchor = p.anchor ?? (p.end === "self-signed" ? top : undefined);
  const relied = p.anchorInPath || p.end === "self-signed" ? certs.slice(0, -1) : certs;
  for (const c of relied) f.push(...checkCertificate(c, ctx.now, { isSelfSignedRoot: false }), ...checkStructure(c));
  // Anchors the caller or the upload supplies are judged like the rest; Mozilla's roots were vetted by Mozilla.
  if (anchor)
    f.push(
      ...checkCertificate(anchor, ctx.now, { isSelfSignedRoot: true }),
      ...(ctx.vetted?.(anchor) ? [] : [...checkStructure(anchor), ...checkAnchorKeyId(anchor)]),
    );
  const issuers = [...certs.slice(1), ...(p.anchor && !p.anchorInPath ? [p.anchor] : [])];
  const budget = { left: MAX_CONSTRAINT_COMPARISONS };
  issuers.forEach((ca, k) => {
    const below = certs.slice(1, k + 1).filter((x) => !isSelfIssued(x)).length;
    // A trust store serves either direction (the Thales client CA, a server CA chain): no purpose to nest.
    f.push(...checkIssuer(ca, certs[k]!, below, ctx.mode === "server-chain" ? ctx.purpose : undefined));
    const nc = checkConstraintsExtension(ca);
    f.push(...nc.findings);
    // §6.1.3(b): constraints apply to every certificate below, except self-issued intermediates.
    if (nc.usable)
      for (let j = 0; j <= k && !hasErrors(f); j++) {
        if (j === 0 || !isSelfIssued(certs[j]!)) f.push(...checkConstraints(ca, nc.usable, certs[j]!, budget));
      }
  });
  const intermediates = certs
    .slice(1, p.anchorInPath || p.end === "self-signed" ? -1 : undefined)
    .filter((c) => !isSelfIssued(c)).length;
  if (ctx.maxIntermediates !== undefined && intermediates > ctx.maxIntermediates) {
    f.push(
      error(
        "CHAIN_TOO_LONG",
        `The chain has ${intermediates} intermediate CA(s); at most ${ctx.maxIntermediates} are allowed.`,
      ),
    );
  }
  const leaf = certs[0]!;
  if (!isCa(leaf.summary) && leaf.ext.nameConstraints)
    f.push(
      warning(
        "NAME_CONSTRAINTS_IN_LEAF",
        `End-entity certificate ${describeCert(leaf)} carries name constraints, which only a CA may (RFC 5280 §4.2.1.10); they are ignored.`,
      ),
    );
  if (ctx.mode === "server-chain" && (!isCa(leaf.summary) || ctx.explicitLeaf)) {
    f.push(
      ...checkLeaf(leaf, {
        purpose: ctx.purpose,
        explicitLeaf: ctx.explicitLeaf,
        ...(ctx.host !== undefined ? { host: ctx.host } : {}),
      }),
    );
  }
  if (anchor && anchor !== leaf && anchor.summary.extendedKeyUsage) {
    f.push(
      warning(
        "ROOT_HAS_EKU",
        `Root ${describeCert(anchor)} carries an extended key usage; CA/B BR §7.1.2.1.2 forbids it (it still restricts the chain).`,
      ),
    );
  }
  return f;
}
