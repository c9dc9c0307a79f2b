/**
 * Private key detection. The portal must never receive a private key (DESIGN §4): any PEM "… PRIVATE KEY" label,
 * OpenSSH/PuTTY key files, and DER PKCS#8 (RFC 5208/5958), EncryptedPrivateKeyInfo, PKCS#1 RSAPrivateKey
 * (RFC 8017 §A.1.2), SEC1 ECPrivateKey (RFC 5915 §3), DSA keys and PKCS#12 PFX (RFC 7292 §4) refuse the whole
 * input. The sniffing reads only headers, so truncated key material is still caught.
 */

const TEXT_MARKERS = [
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z0-9 ]*-----/,
  /-----BEGIN PGP PRIVATE KEY BLOCK-----/,
  /PuTTY-User-Key-File-\d/,
  /openssh-key-v1/,
];

/** The PEM label names a private key or a PKCS#12 container. */
export function isPrivateKeyLabel(label: string): boolean {
  return /PRIVATE KEY/.test(label) || label === "PKCS12" || label === "PFX";
}

/** Any private key marker in text (PEM BEGIN line even without END, OpenSSH, PuTTY). */
export function textHasPrivateKey(text: string): boolean {
  return TEXT_MARKERS.some((r) => r.test(text));
}

type Head = { tag: number; len: number; start: number; first: number | undefined };

/** Read child headers of the outer SEQUENCE without requiring the content to be complete. */
function sniff(b: Uint8Array): Head[] | null {
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
  const outer = header(0);
  if (!outer || outer.tag !== 0x30) return null;
  const heads: Head[] = [];
  let p = outer.next;
  while (heads.length < 10) {
    const h = header(p);
    if (!h) break;
    heads.push({ tag: h.tag, len: h.len, start: h.next, first: b[h.next] });
    if (h.len < 0) break;
    p = h.next + h.len;
  }
  return heads;
}

const OPENSSH_MAGIC = Buffer.from("openssh-key-v1\0", "latin1");

/** True when DER (possibly truncated) has the shape of a private key or PKCS#12 file. */
export function derLooksLikePrivateKey(b: Uint8Array): boolean {
  if (b.length >= OPENSSH_MAGIC.length && Buffer.from(b.subarray(0, OPENSSH_MAGIC.length)).equals(OPENSSH_MAGIC)) return true;
  const h = sniff(b);
  if (!h || h.length === 0) return false;
  const [a, c, d] = h;
  const smallInt = (x: Head | undefined, v: number) => x?.tag === 0x02 && x.len === 1 && x.first === v;
  // PKCS#8 PrivateKeyInfo / OneAsymmetricKey: version 0|1, AlgorithmIdentifier, OCTET STRING.
  // (Certificates, CSRs and PKCS#7 never start their outer SEQUENCE with a small INTEGER then an AlgorithmIdentifier.)
  if ((smallInt(a, 0) || smallInt(a, 1)) && c?.tag === 0x30 && c.first === 0x06 && (d === undefined || d.tag === 0x04)) return true;
  // EncryptedPrivateKeyInfo: AlgorithmIdentifier (SEQUENCE starting with an OID), OCTET STRING.
  if (a?.tag === 0x30 && a.first === 0x06 && c?.tag === 0x04 && h.length === 2) return true;
  // SEC1 ECPrivateKey: version 1, OCTET STRING privateKey, [0] params, [1] public key.
  if (smallInt(a, 1) && c?.tag === 0x04) return true;
  // PKCS#1 RSAPrivateKey (9 INTEGERs, version 0) and OpenSSL DSA keys (6 INTEGERs, version 0).
  if (smallInt(a, 0) && h.length >= 4 && h.slice(0, 6).every((x) => x.tag === 0x02)) return true;
  if (smallInt(a, 0) && c?.tag === 0x02 && c.len >= 64) return true; // truncated: version 0 then a modulus-sized INTEGER
  // PKCS#12 PFX: version 3, ContentInfo.
  if (smallInt(a, 3) && c?.tag === 0x30) return true;
  return false;
}
