/** Rules shared by the programs: key, signature hash, validity at `now`, extension hygiene. */
import { error, finding, info, warning, type Finding } from "../findings";
import { daysLeft, EXPIRES_SOON_DAYS } from "../expiry";
import type { PublicKeyInfo } from "../public-key";
import { programRules, type Program } from "./rules";

const keyMatches = (k: PublicKeyInfo, allowed: { type: "rsa"; bits: number } | { type: "ec"; curve: string }) =>
  allowed.type === "rsa" ? k.type === "rsa" && k.bits === allowed.bits : k.type === "ec" && k.curve === allowed.curve;

const describeAllowed = (program: Program) =>
  programRules(program)
    .allowedKeys.map((k) => (k.type === "rsa" ? `RSA ${k.bits}` : `EC ${k.curve}`))
    .join(", ");

/** Key type and size/curve allowed by the program for the client credential. */
export function checkClientKey(program: Program, key: PublicKeyInfo): Finding[] {
  const rules = programRules(program);
  const newKey = rules.newKeyCommand;
  if (!rules.allowedKeys.some((a) => keyMatches(key, a))) {
    const code = rules.refusedKeys.find((r) => keyMatches(key, r.key))?.code ?? "KEY_NOT_ALLOWED";
    return [
      finding(
        code,
        `The key is ${key.description}; ${rules.label} accepts ${describeAllowed(program)}.`,
        `Generate a new key and request again: ${newKey}`,
      ),
    ];
  }
  if (rules.discouragedKeys.some((a) => keyMatches(key, a))) {
    return [
      info(
        "KEY_EC_PREFERRED",
        `${key.description} is accepted, but elliptic curve keys (P-256, P-384) are preferred.`,
        `Next time: ${newKey}`,
      ),
    ];
  }
  return [];
}

/** SHA-256 is the only hash the programs name. */
export function checkSignatureHash(alg: { name: string; hash: string }, what: string): Finding[] {
  if (alg.hash === "sha256") {
    if (alg.name.startsWith("RSASSA-PSS"))
      return [
        warning(
          "SIGNATURE_RSA_PSS",
          `The ${what} is signed with RSASSA-PSS; Thales documents PKCS#1 v1.5 with SHA-256.`,
          "Sign without -sigopt rsa_padding_mode:pss.",
        ),
      ];
    return [];
  }
  const weak = /^(md|sha1$)/.test(alg.hash);
  return [
    error(
      weak ? "SIGNATURE_HASH_WEAK" : "SIGNATURE_HASH_NOT_SHA256",
      `The ${what} is signed with ${alg.name}; SHA-256 is required.`,
      "Sign again with -sha256 (openssl req … -sha256).",
    ),
  ];
}

/** Validity at `now`, bounds inclusive (RFC 5280 §4.1.2.5: valid from notBefore through notAfter). */
export function checkValidityAt(notBefore: Date, notAfter: Date, now: Date, what: string): Finding[] {
  if (notAfter.getTime() < notBefore.getTime()) {
    return [
      error(
        "VALIDITY_INVERTED",
        `The ${what} expires (${notAfter.toISOString()}) before it starts (${notBefore.toISOString()}).`,
      ),
    ];
  }
  // Validity is encoded to the second; the whole notAfter second is still valid (x509-limbo notafter-fractional).
  now = new Date(Math.floor(now.getTime() / 1000) * 1000);
  if (now.getTime() < notBefore.getTime()) {
    return [
      error(
        "CERTIFICATE_NOT_YET_VALID",
        `The ${what} is not valid before ${notBefore.toISOString()}.`,
        "Check the clock of the machine that created it, or wait until then.",
      ),
    ];
  }
  if (now.getTime() > notAfter.getTime()) {
    return [
      error(
        "CERTIFICATE_EXPIRED",
        `The ${what} expired on ${notAfter.toISOString()}.`,
        "Renew it and upload the new one.",
      ),
    ];
  }
  const days = daysLeft(notAfter, now);
  if (days < EXPIRES_SOON_DAYS)
    return [
      warning(
        "CERTIFICATE_EXPIRES_SOON",
        `The ${what} expires in ${Math.floor(days)} days (${notAfter.toISOString()}).`,
        "Plan its renewal now.",
      ),
    ];
  return [];
}

/** Add whole years in UTC (used for the 2-year and 5-year rules). */
export function addYears(d: Date, years: number): Date {
  const r = new Date(d.getTime());
  r.setUTCFullYear(r.getUTCFullYear() + years);
  return r;
}
