/**
 * The end of the path a TLS client looks at: the server certificate's EKU, key usage, names and host.
 * Errors where a client refuses the certificate; warnings for CA/B Forum issuance rules that clients
 * (OpenSSL, Go, Java) do not enforce, so a private CA's working certificate is not sent back for them.
 */
import { describeCert } from "./certificate-checks";
import { error, warning, type Finding } from "./findings";
import { certificateMatchesHost, ipBytes, parseHostReference } from "./host-names";
import { isCa, tryReadCertificate, type ParsedCertificate } from "./parse-certificate";

export type Purpose = "serverAuth" | "clientAuth";

const EKU_OID = "2.5.29.37";
const SAN_OID = "2.5.29.17";

/** An EKU list allows `purpose` (absent = any purpose, RFC 5280 §4.2.1.12). */
export const ekuAllows = (eku: readonly string[] | undefined, purpose: Purpose) =>
  !eku || eku.includes(purpose) || eku.includes("anyExtendedKeyUsage");

/** RFC 5952 §4 text of an address: lower-case hex, no leading zeros, the longest zero run as "::". */
function ipText(b: Uint8Array): string {
  if (b.length === 4) return Array.from(b).join(".");
  const g = Array.from({ length: 8 }, (_, i) => ((b[2 * i]! << 8) | b[2 * i + 1]!).toString(16));
  let best = [-1, 0];
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && g[j] === "0") j++;
    if (j - i > best[1]! && j - i >= 2) best = [i, j - i];
  }
  if (best[0]! < 0) return g.join(":");
  return `${g.slice(0, best[0]).join(":")}::${g.slice(best[0]! + best[1]!).join(":")}`;
}

/** CA/B BR §7.1.4.3: a subject CN must be a character-for-character copy of one SAN entry. */
function cnIsSanCopy(leaf: ParsedCertificate): boolean {
  const cns = leaf.summary.subject.rdns
    .flat()
    .filter((a) => a.type === "CN")
    .map((a) => a.value);
  if (!cns.length) return true;
  const sans = leaf.ext.generalNames ?? [];
  return cns.every((cn) =>
    sans.some((n) =>
      n.type === "dns"
        ? n.text === cn
        : n.type === "ip" && n.bytes !== undefined && ipBytes(cn) !== undefined && ipText(n.bytes) === cn,
    ),
  );
}

export type LeafOptions = { purpose: Purpose; host?: string; explicitLeaf: boolean };

/** Checks on the server (or, for `clientAuth`, client) certificate at the start of the chosen path. */
export function checkLeaf(leaf: ParsedCertificate, o: LeafOptions): Finding[] {
  const f: Finding[] = [];
  const s = leaf.summary;
  const name = describeCert(leaf);
  const role = o.purpose === "serverAuth" ? "Server" : "Client";
  if (isCa(s) && o.explicitLeaf) {
    f.push(
      error(
        "LEAF_IS_CA",
        `${role} certificate ${name} is a CA certificate (basicConstraints cA=TRUE); a TLS peer presents an end-entity certificate (CA/B BR §7.1.2.7.8).`,
        "Present the server certificate issued by this CA, not the CA itself.",
      ),
    );
  }
  const eku = s.extendedKeyUsage;
  if (!ekuAllows(eku, o.purpose)) {
    f.push(
      error(
        o.purpose === "serverAuth" ? "LEAF_EKU_NOT_SERVER_AUTH" : "LEAF_EKU_NOT_CLIENT_AUTH",
        `${role} certificate ${name} is not allowed for TLS ${o.purpose === "serverAuth" ? "servers" : "clients"} (extended key usage: ${eku!.join(", ")}).`,
        `Request a certificate with extendedKeyUsage ${o.purpose}.`,
      ),
    );
  } else if (!eku) {
    f.push(
      warning(
        "LEAF_EKU_MISSING",
        `${role} certificate ${name} has no extended key usage; TLS clients accept that (RFC 5280 §4.2.1.12), publicly-trusted CAs must set ${o.purpose} (CA/B BR §7.1.2.7.10).`,
        `Next time request it with -addext "extendedKeyUsage=${o.purpose}".`,
      ),
    );
  } else if (eku.includes("anyExtendedKeyUsage")) {
    f.push(
      warning(
        "LEAF_EKU_ANY",
        `${role} certificate ${name} allows any extended key usage; publicly-trusted CAs may not issue that (CA/B BR §7.1.2.7.10).`,
      ),
    );
  }
  if (s.extensions.some((e) => e.oid === EKU_OID && e.critical)) {
    f.push(
      warning(
        "LEAF_EKU_CRITICAL",
        `${role} certificate ${name} marks extended key usage critical (CA/B BR §7.1.2.7.6 says it must not be).`,
      ),
    );
  }
  // A TLS key signs the handshake (ECDHE) or decrypts the premaster (RSA key exchange); OpenSSL's purpose check agrees.
  if (
    s.keyUsage &&
    !s.keyUsage.some((u) => u === "digitalSignature" || u === "keyEncipherment" || u === "keyAgreement")
  ) {
    f.push(
      error(
        "LEAF_KEY_USAGE_NOT_TLS",
        `${role} certificate ${name} has key usage ${s.keyUsage.join(", ") || "(none)"}, which allows no TLS handshake (digitalSignature, keyEncipherment or keyAgreement is needed).`,
        'Request the certificate with -addext "keyUsage=critical,digitalSignature".',
      ),
    );
  }
  if (!isCa(s) && s.keyUsage?.includes("keyCertSign"))
    f.push(
      error(
        "LEAF_KEY_USAGE_CERT_SIGN",
        `${role} certificate ${name} has keyCertSign but is not a CA (RFC 5280 §4.2.1.3).`,
      ),
    );
  const san = s.extensions.find((e) => e.oid === SAN_OID);
  const emptySubject = s.subject.rdns.length === 0;
  if (emptySubject && san && !san.critical) {
    f.push(
      error(
        "SAN_NOT_CRITICAL",
        `${role} certificate ${name} has an empty subject, so its subjectAltName must be critical (RFC 5280 §4.2.1.6).`,
      ),
    );
  } else if (!emptySubject && san?.critical) {
    f.push(
      warning(
        "SAN_CRITICAL",
        `${role} certificate ${name} marks subjectAltName critical although the subject is not empty (CA/B BR §7.1.2.7.12).`,
      ),
    );
  }
  if (o.purpose === "serverAuth") f.push(...checkNames(leaf, name, o.host));
  return f;
}

/**
 * Is the server certificate `der` valid for `host` (RFC 6125: SAN only, wildcard one left-most label, no CN)?
 * [] when it is; HOST_NAME_MISMATCH, HOST_NAME_INVALID or CERTIFICATE_MALFORMED otherwise. For callers that hold
 * a stored chain and a host, e.g. the ISSUER_HOST cross-check.
 */
export function checkServerHost(der: Uint8Array, host: string): Finding[] {
  const r = tryReadCertificate(der);
  if (!r.ok) return [r.finding];
  return hostFindings(r.value, describeCert(r.value), host);
}

function hostFindings(leaf: ParsedCertificate, name: string, host: string): Finding[] {
  const sans = leaf.ext.generalNames ?? [];
  if (parseHostReference(host).kind === "invalid") {
    return [
      error(
        "HOST_NAME_INVALID",
        `"${host}" is neither a DNS host name nor an IP address.`,
        "Give the host name Thales will call, e.g. api.bank.example.",
      ),
    ];
  }
  if (certificateMatchesHost(sans, host)) return [];
  const listed =
    sans
      .filter((n) => n.type === "dns")
      .map((n) => n.text)
      .slice(0, 5)
      .join(", ") || "none";
  return [
    error(
      "HOST_NAME_MISMATCH",
      `Server certificate ${name} is not valid for ${host} (its DNS names: ${listed}; RFC 6125 §6.4).`,
      `Request a certificate with -addext "subjectAltName=DNS:${host}" (a wildcard covers one label only).`,
    ),
  ];
}

function checkNames(leaf: ParsedCertificate, name: string, host: string | undefined): Finding[] {
  const f: Finding[] = [];
  const sans = leaf.ext.generalNames ?? [];
  if (!sans.some((n) => n.type === "dns" || n.type === "ip")) {
    f.push(
      warning(
        "LEAF_NO_SAN",
        `Server certificate ${name} has no DNS name in subjectAltName; TLS clients match host names against it, never the CN (RFC 6125 §6.4.4).`,
        'Request the certificate with -addext "subjectAltName=DNS:your.host.example".',
      ),
    );
  } else if (!cnIsSanCopy(leaf)) {
    f.push(
      warning(
        "LEAF_CN_NOT_IN_SAN",
        `The CN of server certificate ${name} is not one of its subjectAltName entries; clients ignore the CN, publicly-trusted CAs must copy a SAN into it (CA/B BR §7.1.4.3).`,
      ),
    );
  }
  if (host !== undefined) f.push(...hostFindings(leaf, name, host));
  return f;
}
