/**
 * Decode whatever a user pastes or uploads: PEM (any number of blocks, CRLF, BOM, surrounding text), DER
 * certificate or CSR, PKCS#7/CMS certs-only (PEM or DER, BER tolerated), bare base64. Never throws.
 */
import { children, readTlv } from "./der";
import { error, info, warning, type Finding } from "./findings";
import { decodeBase64, hasUnterminatedBlock, readPemBlocks } from "./pem";
import { looksLikePkcs7, readPkcs7 } from "./pkcs7";
import { derLooksLikePrivateKey, isPrivateKeyLabel, textHasPrivateKey } from "./private-key-detect";

import { inputTooLarge, MAX_CERTIFICATES, MAX_INPUT_BYTES } from "./input-limits";

export { MAX_CERTIFICATES, MAX_INPUT_BYTES };

export type DecodeOptions = { maxBytes?: number; maxCertificates?: number };

export type DecodedInput = {
  /** DER certificates, duplicates removed, in input order. */
  certificates: Uint8Array[];
  csrs: Uint8Array[];
  duplicates: number;
  privateKeyDetected: boolean;
  findings: Finding[];
  /** "1 CSR", "3 certificates, 1 duplicate", … */
  found: string;
};

type Kind = "certificate" | "csr" | "pkcs7" | "private-key" | "public-key" | "crl" | "unknown";

/** Structural sniff of one DER object (X.509 §7, RFC 2986 §4, RFC 5280 §5.1). */
export function classifyDer(der: Uint8Array): Kind {
  if (derLooksLikePrivateKey(der)) return "private-key";
  try {
    if (looksLikePkcs7(der)) return "pkcs7";
    const outer = readTlv(der, 0);
    const top = children(der, outer);
    const first = top[0];
    if (!first || first.tag !== 0x30) return "unknown";
    if (top.length === 2 && top[1]?.tag === 0x03) return "public-key";
    const inner = children(der, first);
    if (inner[0]?.tag === 0xa0) return "certificate";
    // CSR: version, Name, SPKI, [0] attributes. v1 certificate: serial, AlgId, Name, Validity, Name, SPKI.
    if (inner[3]?.tag === 0xa0 || (inner.length === 3 && inner[0]?.tag === 0x02 && inner[2]?.tag === 0x30)) return "csr";
    if (inner.length >= 6) return "certificate";
    if (inner.length >= 3 && (inner[2]?.tag === 0x17 || inner[3]?.tag === 0x17 || inner[2]?.tag === 0x18 || inner[3]?.tag === 0x18)) return "crl";
    return "unknown";
  } catch {
    return "unknown";
  }
}

const plural = (n: number, one: string, many = one + "s") => `${n} ${n === 1 ? one : many}`;

/** Decode an upload. Never throws; every problem is a finding. */
export function decodeInput(input: Uint8Array | string, opts: DecodeOptions = {}): DecodedInput {
  const maxBytes = opts.maxBytes ?? MAX_INPUT_BYTES;
  const maxCerts = opts.maxCertificates ?? MAX_CERTIFICATES;
  const findings: Finding[] = [];
  const certs: Uint8Array[] = [];
  const csrs: Uint8Array[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  let tooMany = false;
  let ignored = 0;

  const result = (found?: string): DecodedInput => {
    const parts: string[] = [];
    if (csrs.length) parts.push(plural(csrs.length, "CSR"));
    if (certs.length) parts.push(plural(certs.length, "certificate"));
    if (duplicates) parts.push(plural(duplicates, "duplicate"));
    return { certificates: certs, csrs, duplicates, privateKeyDetected: false, findings, found: found ?? (parts.join(", ") || "nothing usable") };
  };
  const refuseKey = (where: string): DecodedInput => ({
    certificates: [], csrs: [], duplicates: 0, privateKeyDetected: true, found: "a private key (refused)",
    findings: [error("PRIVATE_KEY_DETECTED", `The upload contains a private key (${where}). Nothing from it was kept.`,
      "Upload only the CSR or certificate. A private key must never leave your systems; if this one was shared, generate a new key pair and a new CSR.")],
  });

  const size = typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.length;
  if (size > maxBytes) {
    findings.push(inputTooLarge(size, "input", maxBytes));
    return result("input too large");
  }

  const addDer = (der: Uint8Array, label?: string): boolean => {
    const kind = classifyDer(der);
    if (kind === "private-key") return false;
    if (kind === "pkcs7") {
      try {
        const p7 = readPkcs7(der);
        if (p7.signed) findings.push(info("PKCS7_SIGNED_DATA", "The PKCS#7 file is a signed message; only its certificates were read."));
        ignored += p7.ignored;
        for (const c of p7.certificates) addCert(c);
      } catch {
        findings.push(error("PKCS7_MALFORMED", "A PKCS#7 bundle could not be read.", "Export it again (openssl pkcs7 -print_certs -in bundle.p7b -out chain.pem) and upload the PEM."));
      }
      return true;
    }
    if (kind === "certificate") addCert(der);
    else if (kind === "csr") csrs.push(der);
    else if (kind === "public-key") findings.push(warning("PUBLIC_KEY_IGNORED", "A bare public key was ignored: Thales needs a CSR or a certificate.", "Upload the CSR (openssl req -new …) instead of the public key."));
    else if (kind === "crl") findings.push(info("CRL_IGNORED", "A certificate revocation list was ignored."));
    else findings.push(error("UNRECOGNIZED_OBJECT", `${label ? `A PEM block "${label}"` : "The binary input"} is neither a certificate, a CSR nor a PKCS#7 bundle.`, "Upload a PEM or DER certificate, CSR or .p7b file."));
    return true;
  };
  function addCert(der: Uint8Array) {
    const key = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString("base64");
    if (seen.has(key)) return void duplicates++;
    if (certs.length >= maxCerts) return void (tooMany = true);
    seen.add(key);
    certs.push(der);
  }

  const bytes = typeof input === "string" ? null : input;
  // Binary DER (or BER) starts with a SEQUENCE tag; text never starts with 0x30 0x8x/0x3x/0x2x in practice.
  if (bytes && bytes.length > 1 && bytes[0] === 0x30) {
    if (derLooksLikePrivateKey(bytes)) return refuseKey("DER private key or PKCS#12 file");
    if (isWholeTlv(bytes) || bytes[1]! >= 0x80) {
      addDer(bytes);
      return finish();
    }
  }
  let text = typeof input === "string" ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (textHasPrivateKey(text)) return refuseKey("PEM or OpenSSH private key block");
  if (text.trim() === "") {
    findings.push(error("INPUT_EMPTY", "The input is empty.", "Choose the .csr, .pem, .crt, .cer, .der or .p7b file to upload."));
    return result("nothing (empty input)");
  }
  const blocks = readPemBlocks(text);
  for (const b of blocks) {
    if (isPrivateKeyLabel(b.label)) return refuseKey(`PEM block "${b.label}"`);
    if (!b.der) {
      findings.push(error("PEM_MALFORMED", `The PEM block "${b.label}" is damaged (its body is not valid base64 or its END line does not match).`, "Copy the whole block again, from -----BEGIN to -----END, without editing it."));
      continue;
    }
    if (derLooksLikePrivateKey(b.der)) return refuseKey(`PEM block "${b.label}" holding key material`);
    if (/^(CERTIFICATE|X509 CERTIFICATE|TRUSTED CERTIFICATE|(NEW )?CERTIFICATE REQUEST|PKCS7|CMS|X509 CRL)$/.test(b.label)) {
      // OpenSSL "TRUSTED CERTIFICATE" appends trust settings after the certificate: keep the certificate.
      const der = b.label === "TRUSTED CERTIFICATE" ? firstTlv(b.der) : b.der;
      addDer(der, b.label);
    } else findings.push(warning("PEM_BLOCK_IGNORED", `A PEM block "${b.label}" was ignored.`));
  }
  if (hasUnterminatedBlock(text, blocks.length)) {
    findings.push(error("PEM_TRUNCATED", "A PEM block has a BEGIN line but no matching END line.", "Copy the whole block, including the -----END …----- line."));
  }
  if (blocks.length === 0) {
    const der = decodeBase64(text);
    if (der && der.length > 16) {
      if (!addDer(der)) return refuseKey("base64-encoded private key");
    } else if (bytes && bytes.length > 0 && !isMostlyText(text)) {
      findings.push(error("UNRECOGNIZED_INPUT", "The binary input is not a DER certificate, CSR or PKCS#7 bundle.", "Upload a PEM or DER certificate, CSR or .p7b file."));
    } else {
      findings.push(error("NO_PEM_FOUND", "No certificate or CSR was found: the text has no -----BEGIN …----- block.", "Paste the whole PEM block, including its BEGIN and END lines."));
    }
  }
  return finish();

  function finish(): DecodedInput {
    if (tooMany) findings.push(error("TOO_MANY_CERTIFICATES", `More than ${maxCerts} certificates were supplied; only the first ${maxCerts} were read.`, "Upload one chain (leaf, intermediates, root) or one trust store at a time."));
    if (duplicates) findings.push(warning("DUPLICATE_CERTIFICATE", `${plural(duplicates, "certificate was", "certificates were")} given more than once; the copies were dropped.`));
    if (ignored) findings.push(info("PKCS7_ENTRIES_IGNORED", `${plural(ignored, "non-X.509 certificate entry", "non-X.509 certificate entries")} in the PKCS#7 bundle ignored.`));
    if (certs.length === 0 && csrs.length === 0 && !findings.some((f) => f.severity === "error")) {
      findings.push(error("NOTHING_FOUND", "No certificate or CSR was found in the input.", "Upload a PEM or DER certificate, CSR or .p7b file."));
    }
    return result();
  }
}

function isWholeTlv(der: Uint8Array): boolean {
  try {
    return readTlv(der, 0).end === der.length;
  } catch {
    return false;
  }
}

function firstTlv(der: Uint8Array): Uint8Array {
  try {
    return der.subarray(0, readTlv(der, 0).end);
  } catch {
    return der;
  }
}

function isMostlyText(s: string): boolean {
  let bad = 0;
  for (let i = 0; i < Math.min(s.length, 512); i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad === 0;
}
