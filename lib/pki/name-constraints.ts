/**
 * Name constraints (RFC 5280 §4.2.1.10, §6.1.3(b)-(c), §6.1.4(g)). Instead of carrying intersected subtree
 * state down the path, each constraining CA is checked against every certificate below it, as Go's
 * crypto/x509 and rustls-webpki do: the result is the same and the failure names the CA responsible.
 */
import { describeCert } from "./certificate-checks";
import type { Rdn } from "./dn";
import { error, warning, type Finding } from "./findings";
import type { GeneralName, NameConstraints, NameType } from "./general-names";
import { isDnsName } from "./host-names";
import type { ParsedCertificate } from "./parse-certificate";

/** Go uses 250,000 comparisons per certificate; above this a chain is refused rather than checked quadratically. */
export const MAX_CONSTRAINT_COMPARISONS = 250_000;

const EMAIL_OID = "1.2.840.113549.1.9.1";
const SUPPORTED = new Set<NameType>(["dns", "ip", "email", "uri", "dirName"]);

const labels = (s: string) => s.toLowerCase().split(".").reverse();

/** `name` is `constraint` or below it. Labels compare case-insensitively; "" permits every name. */
function dnsWithin(name: string, constraint: string): boolean {
  if (constraint === "") return true;
  const n = labels(name.replace(/\.$/, ""));
  const c = labels(constraint);
  return c.length <= n.length && c.every((l, i) => l === n[i]);
}

/**
 * A wildcard SAN (`*.example.com`) stands for every one-label expansion: it is inside a permitted subtree only
 * when its base is, and an excluded subtree that holds any expansion (`bar.example.com`) excludes it
 * (CVE-2025-61727).
 */
function dnsMatch(name: string, constraint: string, excluded: boolean): boolean {
  if (dnsWithin(name, constraint)) return true;
  if (!excluded || !name.startsWith("*.")) return false;
  const base = name.slice(2);
  const c = labels(constraint);
  return c.length === labels(base).length + 1 && dnsWithin(constraint, base);
}

function ipMatch(addr: Uint8Array, constraint: Uint8Array): boolean {
  if (constraint.length !== 2 * addr.length) return false;
  const mask = constraint.subarray(addr.length);
  return addr.every((b, i) => (b & mask[i]!) === (constraint[i]! & mask[i]!));
}

function emailMatch(mailbox: string, constraint: string): boolean {
  const at = mailbox.lastIndexOf("@");
  const host = mailbox.slice(at + 1).toLowerCase();
  if (constraint.includes("@")) {
    const ca = constraint.lastIndexOf("@");
    // The local part is case-sensitive and literal (an asterisk is just a character, RFC 5280 §4.2.1.10).
    return mailbox.slice(0, at) === constraint.slice(0, ca) && host === constraint.slice(ca + 1).toLowerCase();
  }
  if (constraint.startsWith("."))
    return dnsWithin(host, constraint.slice(1)) && host !== constraint.slice(1).toLowerCase();
  return host === constraint.toLowerCase();
}

function uriHost(uri: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(uri);
  return m?.[1] || undefined;
}

function uriMatch(host: string, constraint: string): boolean {
  if (constraint.startsWith("."))
    return dnsWithin(host, constraint.slice(1)) && host.toLowerCase() !== constraint.slice(1).toLowerCase();
  return host.toLowerCase() === constraint.toLowerCase();
}

const rdnKey = (r: Rdn) =>
  r
    .map((a) => `${a.oid}=${a.value.trim().replace(/\s+/g, " ").toLowerCase()}`)
    .sort()
    .join("+");

function dirMatch(name: Rdn[], constraint: Rdn[]): boolean {
  return constraint.length <= name.length && constraint.every((r, i) => rdnKey(r) === rdnKey(name[i]!));
}

/** Why a constraint cannot be applied (RFC 5280 syntax), or undefined when it is well formed. */
function constraintProblem(c: GeneralName): string | undefined {
  if (c.type === "dns" && c.text !== "" && !isDnsName(c.text))
    return `dNSName constraint "${c.text}" is not a domain name`;
  if (c.type === "ip") {
    const b = c.bytes!;
    if (b.length !== 8 && b.length !== 32) return "iPAddress constraint is not an address and mask";
    const bits = Array.from(b.subarray(b.length / 2), (x) => x.toString(2).padStart(8, "0")).join("");
    if (/01/.test(bits)) return "iPAddress constraint mask is not a CIDR prefix";
  }
  return undefined;
}

/** Why a presented name cannot be compared (malformed), or undefined. */
function nameProblem(n: GeneralName): string | undefined {
  if (n.type === "dns" && !isDnsName(n.text.startsWith("*.") ? n.text.slice(2) : n.text))
    return `dNSName "${n.text}" is malformed`;
  if (n.type === "ip" && n.bytes!.length !== 4 && n.bytes!.length !== 16) return "iPAddress is not a single address";
  if (n.type === "email" && !/^[^@]+@[^@]+$/.test(n.text)) return `rfc822Name "${n.text}" is malformed`;
  if (n.type === "uri" && !uriHost(n.text)) return `URI "${n.text}" has no host`;
  return undefined;
}

function matches(n: GeneralName, c: GeneralName, excluded: boolean): boolean {
  switch (n.type) {
    case "dns":
      return dnsMatch(n.text, c.text, excluded);
    case "ip":
      return ipMatch(n.bytes!, c.bytes!);
    case "email":
      return emailMatch(n.text, c.text);
    case "uri":
      return uriMatch(uriHost(n.text)!, c.text);
    case "dirName":
      return dirMatch(n.rdns!, c.rdns!);
    default:
      return false;
  }
}

const show = (n: GeneralName) =>
  n.type === "dirName" ? "directory name" : n.type === "ip" ? "IP address" : `${n.type} "${n.text}"`;

/** The names a CA's constraints apply to: SAN entries, the subject (if not empty) and legacy subject e-mail attributes. */
export function constrainedNames(c: ParsedCertificate): GeneralName[] {
  const out = [...(c.ext.generalNames ?? [])];
  const rdns = c.summary.subject.rdns;
  if (rdns.length) out.push({ type: "dirName", text: "", rdns });
  for (const r of rdns) for (const a of r) if (a.oid === EMAIL_OID) out.push({ type: "email", text: a.value });
  return out;
}

/** Apply `ca`'s constraints to certificate `c` below it. `budget.left` counts comparisons across the path. */
export function checkConstraints(
  ca: ParsedCertificate,
  nc: NameConstraints,
  c: ParsedCertificate,
  budget: { left: number },
): Finding[] {
  const names = constrainedNames(c);
  const cost = names.length * (nc.permitted.length + nc.excluded.length);
  budget.left -= cost;
  if (budget.left < 0) {
    return [
      error(
        "NAME_CONSTRAINTS_TOO_COMPLEX",
        `Checking the name constraints of ${describeCert(ca)} against ${describeCert(c)} needs ${cost.toLocaleString("en-US")} comparisons, more than the portal allows (${MAX_CONSTRAINT_COMPARISONS.toLocaleString("en-US")}); TLS clients refuse such chains too.`,
        "Use a CA with fewer name constraints, or a certificate with fewer names.",
      ),
    ];
  }
  const caName = describeCert(ca);
  for (const n of names) {
    const permitted = nc.permitted.filter((p) => p.type === n.type);
    const excluded = nc.excluded.filter((p) => p.type === n.type);
    if (!permitted.length && !excluded.length) continue;
    if (!SUPPORTED.has(n.type)) {
      return [
        error(
          "NAME_CONSTRAINTS_UNSUPPORTED",
          `CA ${caName} constrains ${n.type} names, which ${describeCert(c)} carries; the portal cannot evaluate that type, and RFC 5280 §4.2.1.10 then requires rejecting the chain.`,
        ),
      ];
    }
    const bad = nameProblem(n);
    if (bad)
      return [
        error(
          "NAME_CONSTRAINT_VIOLATION",
          `${describeCert(c)}: ${bad}, so it cannot be shown to lie within the name constraints of CA ${caName}.`,
        ),
      ];
    const hit = excluded.find((x) => matches(n, x, true));
    if (hit)
      return [
        error(
          "NAME_CONSTRAINT_VIOLATION",
          `${describeCert(c)} has ${show(n)}, which CA ${caName} excludes (RFC 5280 §4.2.1.10).`,
          "Use a name outside the CA's excluded subtrees, or a CA allowed to issue for it.",
        ),
      ];
    if (permitted.length && !permitted.some((p) => matches(n, p, false))) {
      return [
        error(
          "NAME_CONSTRAINT_VIOLATION",
          `${describeCert(c)} has ${show(n)}, outside the names CA ${caName} may issue for (RFC 5280 §4.2.1.10).`,
          "Use a name inside the CA's permitted subtrees, or a CA allowed to issue for it.",
        ),
      ];
    }
  }
  return [];
}

/** Findings about the constraint extension itself: malformed subtrees fail the path; profile slips are warnings. */
export function checkConstraintsExtension(ca: ParsedCertificate): { findings: Finding[]; usable?: NameConstraints } {
  const nc = ca.ext.nameConstraints;
  if (!nc) return { findings: [] };
  const name = describeCert(ca);
  if ("malformed" in nc)
    return {
      findings: [
        error("NAME_CONSTRAINTS_MALFORMED", `The name constraints of CA ${name} cannot be read (${nc.malformed}).`),
      ],
    };
  if (nc.empty)
    return {
      findings: [
        error(
          "NAME_CONSTRAINTS_MALFORMED",
          `The name constraints of CA ${name} hold no subtree (RFC 5280 §4.2.1.10 requires at least one).`,
        ),
      ],
    };
  const bad = [...nc.permitted, ...nc.excluded].map(constraintProblem).find(Boolean);
  if (bad)
    return {
      findings: [
        error(
          "NAME_CONSTRAINTS_MALFORMED",
          `The name constraints of CA ${name} are malformed: ${bad} (RFC 5280 §4.2.1.10).`,
        ),
      ],
    };
  const findings = nc.critical
    ? []
    : [
        warning(
          "NAME_CONSTRAINTS_NOT_CRITICAL",
          `The name constraints of CA ${name} are not marked critical (RFC 5280 §4.2.1.10); the portal enforces them, a client that does not know them may not.`,
        ),
      ];
  return { findings, usable: nc };
}
