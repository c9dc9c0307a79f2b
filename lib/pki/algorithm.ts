/** AlgorithmIdentifier for signatures (RFC 5280 §4.1.1.2), including RSASSA-PSS parameters (RFC 4055 §3.1). */
import { children, content, expectTag, readOid, readSmallInt, type Tlv } from "./der";
import { HASHES, OID, SIGNATURE_ALGORITHMS } from "./oids";

export type SignatureAlgorithm = {
  oid: string;
  name: string;
  /** node:crypto digest name; null for EdDSA; undefined when unknown. */
  hash: string | null | undefined;
  keyType: string;
  pssSaltLength?: number;
};

/** Parse a signature AlgorithmIdentifier TLV. Unknown OIDs give name = OID and keyType "unknown". */
export function readSignatureAlgorithm(buf: Uint8Array, t: Tlv | undefined): SignatureAlgorithm {
  const [oidT, paramT] = children(buf, expectTag(t, 0x30, "AlgorithmIdentifier"));
  const oid = readOid(buf, oidT);
  const known = SIGNATURE_ALGORITHMS[oid];
  if (!known) return { oid, name: oid, hash: undefined, keyType: "unknown" };
  if (oid !== OID.rsaPss) return { oid, name: known.name, hash: known.hash, keyType: known.keyType };
  // RSASSA-PSS-params: hashAlgorithm [0] default SHA-1, saltLength [2] default 20.
  let hash = "sha1";
  let saltLength = 20;
  if (paramT?.tag === 0x30) {
    for (const p of children(buf, paramT)) {
      const inner = children(buf, p)[0];
      if (p.tag === 0xa0 && inner)
        hash = HASHES[readOid(buf, children(buf, expectTag(inner, 0x30, "hash"))[0])] ?? "unknown";
      if (p.tag === 0xa2 && inner) saltLength = readSmallInt(buf, inner);
    }
  }
  return { oid, name: `RSASSA-PSS (${hash.toUpperCase()})`, hash, keyType: "rsa", pssSaltLength: saltLength };
}

/** "SHA-256" style label of the hash, for messages. */
export function hashLabel(alg: SignatureAlgorithm): string {
  if (alg.hash === null) return "built-in (EdDSA)";
  if (alg.hash === undefined) return "unknown";
  return alg.hash
    .replace(/^sha(\d)/, "SHA-$1")
    .replace(/^md/, "MD")
    .toUpperCase();
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export { content };
