/** Thales CA material: load a CA (PKCS#8 PEM, optionally encrypted) and generate a development CA. */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { bytesEqual } from "./algorithm";
import { decodeInput } from "./decode";
import { children, readBitString, readTlv } from "./der";
import { bitString, oid, NULL, seq, smallInt, time, tlv, uint } from "./der-write";
import { parseOpensslSubj } from "./dn";
import {
  authorityKeyIdentifier,
  basicConstraints,
  extensionsField,
  keyIdentifier,
  keyUsage,
  subjectKeyIdentifier,
} from "./extensions-encode";
import { error, type Finding } from "./findings";
import { encodeName } from "./name-encode";
import { OID } from "./oids";
import { isCa, tryReadCertificate, type ParsedCertificate } from "./parse-certificate";
import { toPem } from "./pem";
import { addYears } from "./policy/common";

export type LoadedCa = { certificate: ParsedCertificate; privateKey: KeyObject; keyType: "rsa" | "ec" };
export type LoadCaResult = { ok: true; ca: LoadedCa } | { ok: false; findings: Finding[] };

/** Load a CA certificate and its PKCS#8 private key; checks that they belong together and that it is a CA. */
export function loadCa(params: { certificatePem: string; privateKeyPem: string; passphrase?: string }): LoadCaResult {
  const certs = decodeInput(params.certificatePem).certificates;
  const parsed = certs[0] ? tryReadCertificate(certs[0]) : undefined;
  if (!parsed?.ok)
    return { ok: false, findings: [error("CA_CERTIFICATE_UNREADABLE", "The CA certificate could not be read.")] };
  const cert = parsed.value;
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({
      key: params.privateKeyPem,
      format: "pem",
      ...(params.passphrase !== undefined ? { passphrase: params.passphrase } : {}),
    });
  } catch {
    return {
      ok: false,
      findings: [
        error(
          "CA_KEY_UNREADABLE",
          "The CA private key could not be read (wrong format or passphrase).",
          "Provide a PKCS#8 PEM key (openssl pkcs8 -topk8) and its passphrase.",
        ),
      ],
    };
  }
  const findings: Finding[] = [];
  const spki = new Uint8Array(createPublicKey(privateKey).export({ type: "spki", format: "der" }));
  if (!bytesEqual(spki, cert.spki))
    findings.push(error("CA_KEY_MISMATCH", "The private key does not belong to the CA certificate."));
  if (!isCa(cert.summary))
    findings.push(error("CA_NOT_A_CA", "The certificate is not a CA certificate (basicConstraints cA is not set)."));
  if (cert.summary.keyUsage && !cert.summary.keyUsage.includes("keyCertSign"))
    findings.push(error("CA_KEY_USAGE", "The CA certificate lacks keyCertSign."));
  const t = privateKey.asymmetricKeyType;
  if (t !== "rsa" && t !== "ec") findings.push(error("CA_KEY_TYPE", `CA keys must be RSA or EC, not ${t}.`));
  if (findings.length) return { ok: false, findings };
  return { ok: true, ca: { certificate: cert, privateKey, keyType: t as "rsa" | "ec" } };
}

export type DevelopmentCaKeyType = "ec-p256" | "ec-p384" | "rsa-2048" | "rsa-3072" | "rsa-4096";

/** The signature AlgorithmIdentifier we use for a CA key: SHA-256 always (the programs' hash). */
export function signatureAlgorithmFor(keyType: "rsa" | "ec"): Uint8Array {
  return keyType === "ec" ? seq(oid(OID.ecdsaWithSha256)) : seq(oid(OID.sha256WithRsa), NULL);
}

/** The subjectPublicKey BIT STRING value inside an SPKI (input to key identifiers, RFC 5280 §4.2.1.2). */
export function subjectPublicKeyBits(spki: Uint8Array): Uint8Array {
  const [, bits] = children(spki, readTlv(spki, 0));
  return readBitString(spki, bits).bytes;
}

/**
 * A self-signed development CA for when no Thales CA is configured. Subject in openssl -subj form
 * ("/O=Thales/CN=Portal Dev CA") or a bare CN. The key is PKCS#8 PEM, encrypted when a passphrase is given.
 */
export function generateDevelopmentCa(params: {
  keyType: DevelopmentCaKeyType;
  subject: string;
  now: Date;
  validityYears: number;
  passphrase?: string;
}): { certificatePem: string; privateKeyPem: string } {
  const { privateKey, publicKey } = params.keyType.startsWith("ec")
    ? generateKeyPairSync("ec", { namedCurve: params.keyType === "ec-p384" ? "P-384" : "P-256" })
    : generateKeyPairSync("rsa", { modulusLength: Number(params.keyType.slice(4)) });
  const keyType = params.keyType.startsWith("ec") ? "ec" : "rsa";
  const spki = new Uint8Array(publicKey.export({ type: "spki", format: "der" }));
  const rdns = parseOpensslSubj(params.subject) ?? [[{ type: "CN", oid: "2.5.4.3", value: params.subject }]];
  const name = encodeName(rdns);
  const ski = keyIdentifier(subjectPublicKeyBits(spki));
  const alg = signatureAlgorithmFor(keyType);
  const notBefore = new Date(Math.floor(params.now.getTime() / 1000) * 1000);
  const tbs = seq(
    tlv(0xa0, smallInt(2)),
    uint(randomSerial()),
    alg,
    name,
    seq(time(notBefore), time(addYears(notBefore, params.validityYears))),
    name,
    spki,
    extensionsField([
      basicConstraints(true),
      keyUsage([0, 5, 6]),
      subjectKeyIdentifier(ski),
      authorityKeyIdentifier(ski),
    ]),
  );
  const der = seq(tbs, alg, bitString(new Uint8Array(sign("sha256", tbs, privateKey))));
  const privateKeyPem =
    params.passphrase !== undefined
      ? (privateKey.export({
          type: "pkcs8",
          format: "pem",
          cipher: "aes-256-cbc",
          passphrase: params.passphrase,
        }) as string)
      : (privateKey.export({ type: "pkcs8", format: "pem" }) as string);
  return { certificatePem: toPem("CERTIFICATE", der), privateKeyPem };
}

/** Random positive 128-bit serial (CA/B BR §7.1 asks ≥ 64 bits of entropy); first octet non-zero, top bit clear. */
export function randomSerial(): Uint8Array {
  const b = new Uint8Array(randomBytes(16));
  b[0] = b[0]! & 0x7f || 0x01;
  return b;
}
