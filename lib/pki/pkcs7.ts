/** PKCS#7 / CMS SignedData "certs-only" bundles (RFC 5652 §5.1, RFC 2315 §9.1): read and write. */
import { children, DerError, expectTag, raw, readOid, readTlv } from "./der";
import { oid, seq, set, smallInt, tlv } from "./der-write";
import { OID } from "./oids";

export type Pkcs7Content = {
  certificates: Uint8Array[];
  ignored: number;
  signed: boolean;
  /** Everything but the certificates read (content, other and attribute certificates, CRLs, signer infos). */
  residue: Uint8Array[];
};

/** True when the DER starts like a ContentInfo of type signedData. */
export function looksLikePkcs7(der: Uint8Array): boolean {
  try {
    const outer = readTlv(der, 0);
    const first = children(der, outer)[0];
    return first?.tag === 0x06 && readOid(der, first) === OID.pkcs7SignedData;
  } catch {
    return false;
  }
}

/** Certificates of a SignedData (BER accepted: `.p7b` files are often indefinite-length). Throws DerError. */
export function readPkcs7(der: Uint8Array): Pkcs7Content {
  const outer = readTlv(der, 0);
  const [typeT, explicitT] = children(der, expectTag(outer, 0x30, "ContentInfo"));
  if (readOid(der, typeT) !== OID.pkcs7SignedData) throw new DerError("not SignedData");
  const sd = children(der, expectTag(children(der, expectTag(explicitT, 0xa0, "content"))[0], 0x30, "SignedData"));
  const certificates: Uint8Array[] = [];
  let ignored = 0;
  let signed = false;
  for (const t of sd) {
    if (t.tag === 0xa0) {
      for (const c of children(der, t)) {
        // CertificateChoices: only plain certificates (a SEQUENCE); attribute/other certificates are skipped.
        if (c.tag === 0x30) certificates.push(raw(der, c));
        else ignored++;
      }
    }
    if (t.tag === 0x31 && t === sd[sd.length - 1] && t.contentEnd > t.headerEnd) signed = true;
  }
  return { certificates, ignored, signed, residue: complement(der, outer.end, certificates) };
}

/** The parts of `der` (up to `end`) outside the certificate subarrays, in order. */
function complement(der: Uint8Array, end: number, certs: Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let p = 0;
  for (const c of certs) {
    const start = c.byteOffset - der.byteOffset;
    if (start > p) out.push(der.subarray(p, start));
    p = start + c.length;
  }
  if (end > p) out.push(der.subarray(p, end));
  if (der.length > end) out.push(der.subarray(end));
  return out;
}

/** A degenerate certs-only SignedData (RFC 5652 §5.1 with no signers), DER, as written by `openssl crl2pkcs7`. */
export function writePkcs7(certs: readonly Uint8Array[]): Uint8Array {
  const signedData = seq(smallInt(1), set(), seq(oid(OID.pkcs7Data)), tlv(0xa0, ...certs), set());
  return seq(oid(OID.pkcs7SignedData), tlv(0xa0, signedData));
}
