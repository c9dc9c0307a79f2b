/**
 * Private key shapes. The portal must never receive a private key (DESIGN §4): PEM "… PRIVATE KEY" armour
 * (with any number of dashes), OpenSSH/PuTTY/PGP key files, DER PKCS#8 (RFC 5208/5958), EncryptedPrivateKeyInfo
 * (RFC 5958 §3), PKCS#1 RSAPrivateKey (RFC 8017 §A.1.2), SEC1 ECPrivateKey (RFC 5915 §3), OpenSSL DSA keys,
 * PKCS#12 PFX (RFC 7292 §4), Microsoft PVK files and PRIVATEKEYBLOBs. The sniffing reads only headers, so a
 * truncated key is still caught. Everything here is O(1) per offset, so scanners can try every offset.
 */

/** The PEM label names a private key or a PKCS#12 container. */
export function isPrivateKeyLabel(label: string): boolean {
  return label.includes("PRIVATE KEY") || label === "PKCS12" || label === "PFX";
}

const TEXT_MARKERS = ["openssh-key-v1", "PuTTY-User-Key-File-", "PRIVATE KEY BLOCK"];

/**
 * Any private key marker in text: a BEGIN line naming a private key whatever its dashes or spacing, or an
 * OpenSSH, PuTTY or PGP marker. Linear: each BEGIN looks at most one line ahead.
 */
export function textHasPrivateKey(text: string): boolean {
  for (const m of TEXT_MARKERS) if (text.includes(m)) return true;
  for (let p = text.indexOf("BEGIN"); p >= 0; p = text.indexOf("BEGIN", p + 5)) {
    let line = text.slice(p + 5, p + 100);
    const nl = line.indexOf("\n");
    if (nl >= 0) line = line.slice(0, nl);
    const upper = line.toUpperCase();
    if (upper.includes("PRIVATE KEY") || upper.includes("PRIVATE-KEY") || /^[\s-]*(PKCS12|PFX)[\s-]*$/.test(upper))
      return true;
  }
  return false;
}

type Head = { tag: number; len: number; start: number };

/** Child headers of the SEQUENCE at `at`, without requiring the content to be complete (up to 10). */
function sniff(b: Uint8Array, at: number): Head[] | null {
  const header = (p: number): { tag: number; len: number; next: number } | null => {
    if (p + 2 > b.length) return null;
    const tag = b[p]!;
    let l = b[p + 1]!;
    let q = p + 2;
    if (l === 0x80) return { tag, len: -1, next: q };
    if (l & 0x80) {
      const n = l & 0x7f;
      if (n > 4 || q + n > b.length) return null;
      l = 0;
      for (let i = 0; i < n; i++) l = l * 256 + b[q++]!;
    }
    return { tag, len: l, next: q };
  };
  const outer = header(at);
  if (!outer || outer.tag !== 0x30) return null;
  const heads: Head[] = [];
  let p = outer.next;
  while (heads.length < 10) {
    const h = header(p);
    if (!h) break;
    heads.push({ tag: h.tag, len: h.len, start: h.next });
    if (h.len < 0) break;
    p = h.next + h.len;
  }
  return heads;
}

const bytesAt = (b: Uint8Array, at: number, prefix: readonly number[]) => prefix.every((x, i) => b[at + i] === x);

// OIDs as DER content prefixes.
const PKCS5 = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05]; // 1.2.840.113549.1.5 (PBES1/PBES2)
const PKCS12_PBE = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01]; // 1.2.840.113549.1.12.1
const PKCS7 = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07]; // 1.2.840.113549.1.7 (data, signedData)
const KEY_ALGORITHMS: readonly (readonly number[])[] = [
  [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01], // rsaEncryption
  [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a], // RSASSA-PSS
  [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01], // ecPublicKey
  [0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01], // dsa
  [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x03, 0x01], // dhKeyAgreement
  [0x2b, 0x65], // 1.3.101.110-113: X25519, X448, Ed25519, Ed448
  [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04], // NIST algorithms (ML-DSA, ML-KEM, SLH-DSA)
  [0x2a, 0x81, 0x1c], // 1.2.156 (SM2)
];

const OPENSSH_MAGIC = [...Buffer.from("openssh-key-v1\0", "latin1")];
const PVK_MAGIC = [0x1e, 0xf1, 0xb5, 0xb0]; // 0xb0b5f11e little-endian
const RSA2 = [0x52, 0x53, 0x41, 0x32];
const DSS2 = [0x44, 0x53, 0x53, 0x32];

/** What kind of private key starts at `at`, or null. Reads headers only. */
export function privateKeyAt(b: Uint8Array, at = 0): string | null {
  const first = b[at];
  if (first === 0x6f && bytesAt(b, at, OPENSSH_MAGIC)) return "OpenSSH private key";
  if (first === 0x1e && bytesAt(b, at, PVK_MAGIC)) return "PVK private key";
  // PUBLICKEYSTRUC { bType PRIVATEKEYBLOB 0x07, bVersion 2, reserved 0 } … then "RSA2" / "DSS2".
  if (
    first === 0x07 &&
    b[at + 1] === 0x02 &&
    b[at + 2] === 0 &&
    b[at + 3] === 0 &&
    (bytesAt(b, at + 8, RSA2) || bytesAt(b, at + 8, DSS2))
  )
    return "PRIVATEKEYBLOB";
  if (first !== 0x30) return null;
  const h = sniff(b, at);
  if (!h || h.length === 0) return null;
  const [a, c, d] = h;
  const smallInt = (x: Head | undefined, v: number) => x?.tag === 0x02 && x.len === 1 && b[x.start] === v;
  const oidIn = (x: Head | undefined, prefixes: readonly (readonly number[])[]) => {
    if (x?.tag !== 0x30 || b[x.start] !== 0x06) return false;
    const oidAt = x.start + 2;
    return prefixes.some((p) => bytesAt(b, oidAt, p));
  };
  // PKCS#8 PrivateKeyInfo / OneAsymmetricKey: version 0|1, AlgorithmIdentifier of a key algorithm, OCTET STRING.
  if ((smallInt(a, 0) || smallInt(a, 1)) && c?.tag === 0x30 && b[c.start] === 0x06) {
    if (oidIn(c, KEY_ALGORITHMS) && (d === undefined || d.tag === 0x04)) return "PKCS#8 private key";
    if (d?.tag === 0x04 && d.len >= 16) return "PKCS#8 private key";
  }
  // EncryptedPrivateKeyInfo: a password-based encryption AlgorithmIdentifier, then the OCTET STRING.
  if (oidIn(a, [PKCS5, PKCS12_PBE]) && (c === undefined || c.tag === 0x04)) return "encrypted PKCS#8 private key";
  // SEC1 ECPrivateKey: version 1, OCTET STRING privateKey (the scalar: 16 to 72 bytes), [0] params, [1] public key.
  if (smallInt(a, 1) && c?.tag === 0x04 && c.len >= 16 && c.len <= 72) return "SEC1 EC private key";
  // PKCS#1 RSAPrivateKey (9 INTEGERs, version 0 or 1 for multi-prime) and OpenSSL DSA keys (6 INTEGERs).
  if ((smallInt(a, 0) || smallInt(a, 1)) && h.length >= 4 && h.slice(0, 6).every((x) => x.tag === 0x02))
    return "PKCS#1 RSA or DSA private key";
  if (smallInt(a, 0) && c?.tag === 0x02 && c.len >= 64) return "PKCS#1 RSA private key"; // truncated: version, then a modulus
  // PKCS#12 PFX: version 3, ContentInfo of type data or signedData.
  if (smallInt(a, 3) && oidIn(c, [PKCS7])) return "PKCS#12 file";
  return null;
}

/** True when DER (possibly truncated) has the shape of a private key or PKCS#12 file at its start. */
export function derLooksLikePrivateKey(b: Uint8Array): boolean {
  return privateKeyAt(b, 0) !== null;
}
