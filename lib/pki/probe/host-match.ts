/**
 * Does a served leaf cover the host Thales dials? RFC 6125 §6.4: DNS-ID in subjectAltName only (no CN fallback),
 * a wildcard only as the whole left-most label, matching exactly one label.
 */
import type { ParsedCertificate } from "../parse-certificate";

export function leafCoversHost(leaf: ParsedCertificate, host: string): boolean {
  const want = host.toLowerCase().replace(/\.$/, "");
  for (const san of leaf.summary.subjectAltNames ?? []) {
    if (san.type !== "dns") continue;
    const name = san.value.toLowerCase().replace(/\.$/, "");
    if (name === want) return true;
    if (name.startsWith("*.") && !name.slice(2).includes("*")) {
      const dot = want.indexOf(".");
      if (dot > 0 && want.slice(dot + 1) === name.slice(2) && name.slice(2).includes(".")) return true;
    }
  }
  return false;
}
