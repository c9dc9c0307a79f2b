/**
 * Decode whatever a user pastes or uploads: PEM (any number of blocks, CRLF, BOM, surrounding text), DER
 * certificate or CSR, PKCS#7/CMS certs-only (PEM or DER, BER tolerated), bare base64. Never throws.
 */
import { children, readTlv } from "./der";
import { error, info, warning, type Finding } from "./findings";
import { readCertificate } from "./parse-certificate";
import { readCsr } from "./parse-csr";
import { findPrivateKey, type KeyHit } from "./key-scan";
import { decodeBase64, scanPem } from "./pem";
import { looksLikePkcs7, readPkcs7 } from "./pkcs7";
import { derLooksLikePrivateKey, isPrivateKeyLabel, privateKeyAt, textHasPrivateKey } from "./private-key-detect";

import { inputTooLargeText, MAX_CERTIFICATES, MAX_INPUT_BYTES } from "./input-limits";

export { MAX_CERTIFICATES, MAX_INPUT_BYTES };

/** INPUT_TOO_LARGE for `size` bytes of `what` ("file", "pasted text", "input"). */
export function inputTooLarge(size: number, what = "input", maxBytes = MAX_INPUT_BYTES): Finding {
  const { message, hint } = inputTooLargeText(size, what, maxBytes);
  return error("INPUT_TOO_LARGE", message, hint);
}

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
    if (inner[3]?.tag === 0xa0 || (inner.length === 3 && inner[0]?.tag === 0x02 && inner[2]?.tag === 0x30))
      return "csr";
    if (inner.length >= 6) return "certificate";
    if (
      inner.length >= 3 &&
      (inner[2]?.tag === 0x17 || inner[3]?.tag === 0x17 || inner[2]?.tag === 0x18 || inner[3]?.tag === 0x18)
    )
      return "crl";
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
  /** What the parser did not consume: scanned for private keys before anything is accepted. */
  const residue: Uint8Array[] = [];
  let duplicates = 0;
  let tooMany = false;
  let ignored = 0;

  const result = (found?: string): DecodedInput => {
    const parts: string[] = [];
    if (csrs.length) parts.push(plural(csrs.length, "CSR"));
    if (certs.length) parts.push(plural(certs.length, "certificate"));
    if (duplicates) parts.push(plural(duplicates, "duplicate"));
    return {
      certificates: certs,
      csrs,
      duplicates,
      privateKeyDetected: false,
      findings,
      found: found ?? (parts.join(", ") || "nothing usable"),
    };
  };
  const refuseKey = (hit: KeyHit): DecodedInput => ({
    certificates: [],
    csrs: [],
    duplicates: 0,
    privateKeyDetected: true,
    found: "a private key (refused)",
    findings: [privateKeyFinding(hit)],
  });

  const size = typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.length;
  if (size > maxBytes) {
    findings.push(inputTooLarge(size, "input", maxBytes));
    return result("input too large");
  }

  /** Read one DER object; "ignored" when it was not understood (its bytes then go to the key scan). */
  const addDer = (der: Uint8Array, label?: string): "key" | "read" | "ignored" => {
    const kind = classifyDer(der);
    if (kind === "private-key") return "key";
    const end = tlvEnd(der);
    if (end !== undefined && end < der.length) residue.push(der.subarray(end));
    if (kind === "pkcs7") {
      try {
        const p7 = readPkcs7(der);
        if (p7.signed)
          findings.push(
            info("PKCS7_SIGNED_DATA", "The PKCS#7 file is a signed message; only its certificates were read."),
          );
        ignored += p7.ignored;
        residue.push(...p7.residue);
        for (const c of p7.certificates) addCert(c);
      } catch {
        residue.push(der);
        findings.push(
          error(
            "PKCS7_MALFORMED",
            "A PKCS#7 bundle could not be read.",
            "Export it again (openssl pkcs7 -print_certs -in bundle.p7b -out chain.pem) and upload the PEM.",
          ),
        );
        return "ignored";
      }
      return "read";
    }
    if (kind === "certificate" || kind === "csr") {
      if (kind === "certificate") addCert(der);
      else csrs.push(der);
      // Later stages report why it does not parse; here, what does not parse was not understood.
      if (parses(kind, der)) return "read";
      residue.push(der);
      return "ignored";
    } else {
      residue.push(der);
      if (kind === "public-key")
        findings.push(
          warning(
            "PUBLIC_KEY_IGNORED",
            "A bare public key was ignored: Thales needs a CSR or a certificate.",
            "Upload the CSR (openssl req -new …) instead of the public key.",
          ),
        );
      else if (kind === "crl") findings.push(info("CRL_IGNORED", "A certificate revocation list was ignored."));
      else
        findings.push(
          error(
            "UNRECOGNIZED_OBJECT",
            `${label ? `A PEM block "${label}"` : "The binary input"} is neither a certificate, a CSR nor a PKCS#7 bundle.`,
            "Upload a PEM or DER certificate, CSR or .p7b file.",
          ),
        );
      return "ignored";
    }
    return "read";
  };
  function addCert(der: Uint8Array) {
    const key = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString("base64");
    if (seen.has(key)) return void duplicates++;
    if (certs.length >= maxCerts) return void (tooMany = true);
    seen.add(key);
    certs.push(der);
  }

  let bytes = typeof input === "string" ? new Uint8Array(Buffer.from(input, "utf8")) : input;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  // Binary DER (or BER) starts with a SEQUENCE tag; text never starts with 0x30 0x8x/0x3x/0x2x in practice.
  if (bytes.length > 1 && bytes[0] === 0x30) {
    const key = privateKeyAt(bytes, 0);
    if (key) return refuseKey({ kind: key, encoding: "binary (DER)" });
    if (isWholeTlv(bytes) || bytes[1]! >= 0x80) {
      if (tlvEnd(bytes) === undefined) residue.push(bytes);
      addDer(bytes);
      const hit = findPrivateKey(residue);
      return hit ? refuseKey(hit) : finish();
    }
  }
  // latin1 maps each byte to one character, so offsets in the text are offsets in the bytes.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  if (textHasPrivateKey(text)) return refuseKey({ kind: "private key", encoding: "PEM or key-file armour" });
  if (text.trim() === "") {
    findings.push(
      error("INPUT_EMPTY", "The input is empty.", "Choose the .csr, .pem, .crt, .cer, .der or .p7b file to upload."),
    );
    return result("nothing (empty input)");
  }
  const { blocks, unterminated } = scanPem(text);
  let consumedUpTo = 0;
  let bareBase64Read = false;
  for (const b of blocks) {
    if (isPrivateKeyLabel(b.label)) return refuseKey({ kind: `PEM block "${b.label}"`, encoding: "PEM" });
    if (!b.der) {
      findings.push(
        error(
          "PEM_MALFORMED",
          `The PEM block "${b.label}" is damaged (its body is not valid base64 or its END line does not match).`,
          "Copy the whole block again, from -----BEGIN to -----END, without editing it.",
        ),
      );
      continue;
    }
    const key = privateKeyAt(b.der, 0);
    if (key) return refuseKey({ kind: key, encoding: `PEM block "${b.label}"` });
    if (ACCEPTED_LABELS.has(b.label)) {
      // OpenSSL "TRUSTED CERTIFICATE" appends trust settings after the certificate: keep the certificate.
      const end = b.label === "TRUSTED CERTIFICATE" ? tlvEnd(b.der) : undefined;
      if (end !== undefined) residue.push(b.der.subarray(end));
      if (addDer(end !== undefined ? b.der.subarray(0, end) : b.der, b.label) === "read") {
        // Only the body was understood: the text before it and the block's headers are scanned. So is the block
        // itself: key text pasted between its base64 lines (hex, or base64 at a line boundary) can decode, with
        // lengths that still parse, into bytes of a certificate, where no byte scan would see it as a key.
        residue.push(latin1(text.slice(consumedUpTo, b.start)), latin1(b.headers), latin1(text.slice(b.start, b.end)));
        consumedUpTo = b.end;
      }
    } else findings.push(warning("PEM_BLOCK_IGNORED", `A PEM block "${b.label}" was ignored.`));
  }
  if (unterminated > 0) {
    findings.push(
      error(
        "PEM_TRUNCATED",
        "A PEM block has a BEGIN line but no matching END line.",
        "Copy the whole block, including the -----END …----- line.",
      ),
    );
  }
  if (blocks.length === 0) {
    const der = decodeBase64(text);
    if (der && der.length > 16) {
      const outcome = addDer(der);
      if (outcome === "key") return refuseKey({ kind: privateKeyAt(der, 0) ?? "private key", encoding: "base64 text" });
      bareBase64Read = outcome === "read";
    } else if (typeof input !== "string" && bytes.length > 0 && !isMostlyText(text)) {
      findings.push(
        error(
          "UNRECOGNIZED_INPUT",
          "The binary input is not a DER certificate, CSR or PKCS#7 bundle.",
          "Upload a PEM or DER certificate, CSR or .p7b file.",
        ),
      );
    } else {
      findings.push(
        error(
          "NO_PEM_FOUND",
          "No certificate or CSR was found: the text has no -----BEGIN …----- block.",
          "Paste the whole PEM block, including its BEGIN and END lines.",
        ),
      );
    }
  }
  if (!bareBase64Read) residue.push(latin1(text.slice(consumedUpTo)));
  const hit = findPrivateKey(residue);
  if (hit) return refuseKey(hit);
  return finish();

  function finish(): DecodedInput {
    if (tooMany)
      findings.push(
        error(
          "TOO_MANY_CERTIFICATES",
          `More than ${maxCerts} certificates were supplied; only the first ${maxCerts} were read.`,
          "Upload one chain (leaf, intermediates, root) or one trust store at a time.",
        ),
      );
    if (duplicates)
      findings.push(
        warning(
          "DUPLICATE_CERTIFICATE",
          `${plural(duplicates, "certificate was", "certificates were")} given more than once; the copies were dropped.`,
        ),
      );
    if (ignored)
      findings.push(
        info(
          "PKCS7_ENTRIES_IGNORED",
          `${plural(ignored, "non-X.509 certificate entry", "non-X.509 certificate entries")} in the PKCS#7 bundle ignored.`,
        ),
      );
    if (certs.length === 0 && csrs.length === 0 && !findings.some((f) => f.severity === "error")) {
      findings.push(
        error(
          "NOTHING_FOUND",
          "No certificate or CSR was found in the input.",
          "Upload a PEM or DER certificate, CSR or .p7b file.",
        ),
      );
    }
    return result();
  }
}

const ACCEPTED_LABELS = new Set([
  "CERTIFICATE",
  "X509 CERTIFICATE",
  "TRUSTED CERTIFICATE",
  "CERTIFICATE REQUEST",
  "NEW CERTIFICATE REQUEST",
  "PKCS7",
  "CMS",
  "X509 CRL",
]);

/** The refusal: the key is named by kind and encoding only, never quoted. */
export function privateKeyFinding(hit: KeyHit): Finding {
  return error(
    "PRIVATE_KEY_DETECTED",
    `A private key was found in the upload (${hit.kind}, ${hit.encoding}). The whole upload was refused and nothing from it was kept. Treat this key as compromised: it has left your systems, so it must be replaced.`,
    "Generate a new key pair, make a new CSR (or self-signed certificate) from it and upload only that; stop using the old key everywhere. A private key must never leave your systems, not even to Thales.",
  );
}

const latin1 = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));

function tlvEnd(der: Uint8Array): number | undefined {
  try {
    return readTlv(der, 0).end;
  } catch {
    return undefined;
  }
}

/** The structure parses (no signature check): nothing was spliced into it. */
function parses(kind: "certificate" | "csr", der: Uint8Array): boolean {
  try {
    if (kind === "certificate") readCertificate(der);
    else readCsr(der, { verify: false });
    return true;
  } catch {
    return false;
  }
}

function isWholeTlv(der: Uint8Array): boolean {
  return tlvEnd(der) === der.length;
}

function isMostlyText(s: string): boolean {
  let bad = 0;
  for (let i = 0; i < Math.min(s.length, 512); i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad === 0;
}
