import { decodeInput } from "./decode";
import { dnValues } from "./dn";
import { parseCertificate } from "./parse-certificate";

/** One CA certificate of a trust-store export, as a person checks it: CN, serial, SHA-256. */
export type TrustAnchor = {
  der: Uint8Array;
  cn: string;
  subject: string;
  serialNumber: string;
  sha256: string;
  notAfter: string;
};

/**
 * The CA certificates a trust-store export carries for these PEM texts (the versions in force): CA certificates
 * only ("trust only the Thales Client CA, never pin its client certificate"), each once, in input order.
 */
export function trustAnchors(pems: readonly string[]): TrustAnchor[] {
  const seen = new Set<string>();
  const out: TrustAnchor[] = [];
  for (const pem of pems) {
    for (const der of decodeInput(pem).certificates) {
      const parsed = parseCertificate(der);
      if (!parsed.ok || !parsed.value.basicConstraints?.ca || seen.has(parsed.value.sha256)) continue;
      seen.add(parsed.value.sha256);
      const s = parsed.value;
      out.push({
        der,
        cn: dnValues(s.subject, "CN")[0] ?? s.subject.rfc4514,
        subject: s.subject.rfc4514,
        serialNumber: s.serialNumber,
        sha256: s.sha256,
        notAfter: s.notAfter,
      });
    }
  }
  return out;
}

export type TrustStoreChange = { added: Omit<TrustAnchor, "der">[]; removed: Omit<TrustAnchor, "der">[]; kept: number };

/** What a change of the versions in force does to an export: certificates added and removed (by SHA-256). */
export function diffTrustAnchors(before: readonly TrustAnchor[], after: readonly TrustAnchor[]): TrustStoreChange {
  const strip = ({ der: _der, ...rest }: TrustAnchor) => rest;
  const was = new Set(before.map((a) => a.sha256));
  const will = new Set(after.map((a) => a.sha256));
  return {
    added: after.filter((a) => !was.has(a.sha256)).map(strip),
    removed: before.filter((a) => !will.has(a.sha256)).map(strip),
    kept: after.filter((a) => was.has(a.sha256)).length,
  };
}
