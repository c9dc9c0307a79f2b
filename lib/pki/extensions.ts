/** Certificate extensions we read (RFC 5280 §4.2.1). Unknown ones are listed by OID with their criticality. */
import { isIP } from "node:net";
import {
  children,
  content,
  DerError,
  expectTag,
  readBitString,
  readOid,
  readSmallInt,
  readTlvIn,
  type Tlv,
} from "./der";
import { readName } from "./dn";
import { readGeneralNameList, readNameConstraints, type GeneralName, type NameConstraints } from "./general-names";
import { EKU_NAMES, EXTENSION_NAMES, OID } from "./oids";

export type SubjectAltName = { type: "dns" | "ip" | "email" | "uri" | "dirName" | "other"; value: string };

export type Extensions = {
  list: { oid: string; name: string; critical: boolean }[];
  duplicates: string[];
  basicConstraints?: { ca: boolean; pathLength?: number; critical: boolean };
  keyUsage?: string[];
  extendedKeyUsage?: string[];
  subjectAltNames?: SubjectAltName[];
  subjectKeyIdentifier?: string;
  authorityKeyIdentifier?: string;
  /** For path validation (not display): SAN entries with raw bytes, name constraints, AKI fields. */
  generalNames?: GeneralName[];
  nameConstraints?: NameConstraints | { malformed: string };
  akiFields?: { keyIdentifier: boolean; issuer: boolean; serial: boolean };
  /** A non-critical extension we only check for structure (authorityInfoAccess) did not parse. */
  malformed: string[];
};

const KEY_USAGE_BITS = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
];

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");

function ipString(b: Uint8Array): string {
  if (b.length === 4) return Array.from(b).join(".");
  if (b.length === 16)
    return Array.from({ length: 8 }, (_, i) => ((b[2 * i]! << 8) | b[2 * i + 1]!).toString(16)).join(":");
  return "#" + hex(b); // name constraints carry address+mask (8 or 32 bytes)
}

function readGeneralNames(buf: Uint8Array, t: Tlv): SubjectAltName[] {
  const out: SubjectAltName[] = [];
  for (const g of children(buf, expectTag(t, 0x30, "GeneralNames"))) {
    const c = content(buf, g);
    const text = () => Buffer.from(c).toString("latin1");
    switch (g.tag) {
      case 0x82:
        out.push({ type: "dns", value: text() });
        break;
      case 0x87:
        out.push({ type: "ip", value: ipString(c) });
        break;
      case 0x81:
        out.push({ type: "email", value: text() });
        break;
      case 0x86:
        out.push({ type: "uri", value: text() });
        break;
      case 0xa4:
        out.push({ type: "dirName", value: readName(buf, children(buf, g)[0]).rfc4514 });
        break;
      default:
        out.push({ type: "other", value: `[${g.tag & 0x1f}]` });
    }
  }
  return out;
}

/** Parse the `[3] Extensions` TLV of a TBSCertificate, or the Extensions SEQUENCE of a CSR request. */
export function readExtensions(buf: Uint8Array, seqT: Tlv): Extensions {
  const ext: Extensions = { list: [], duplicates: [], malformed: [] };
  const seen = new Set<string>();
  for (const e of children(buf, expectTag(seqT, 0x30, "Extensions"))) {
    const parts = children(buf, expectTag(e, 0x30, "Extension"));
    const oid = readOid(buf, parts[0]);
    let critical = false;
    let valueT = parts[1];
    if (valueT?.tag === 0x01) {
      critical = content(buf, valueT)[0] !== 0;
      valueT = parts[2];
    }
    const value = content(buf, expectTag(valueT, 0x04, "extnValue"));
    // RFC 5280 §4.2: "A certificate MUST NOT include more than one instance of a particular extension."
    if (seen.has(oid)) ext.duplicates.push(EXTENSION_NAMES[oid] ?? oid);
    seen.add(oid);
    ext.list.push({ oid, name: EXTENSION_NAMES[oid] ?? oid, critical });
    // Only the extensions we interpret are parsed: an unknown one may hold anything (RFC 5280 §4.2).
    if (oid === OID.nameConstraints) {
      // A malformed constraint must not make the whole certificate unreadable: only a path through it fails.
      try {
        ext.nameConstraints = readNameConstraints(value, critical);
      } catch (e) {
        ext.nameConstraints = { malformed: e instanceof DerError ? e.message : "unreadable" };
      }
      continue;
    }
    if (oid === OID.authorityInfoAccess) {
      // RFC 5280 §4.2.2.1: SEQUENCE SIZE (1..MAX) OF AccessDescription; strict parsers (Go) refuse anything else.
      try {
        if (!children(value, readTlvIn(value)!).length) ext.malformed.push("authorityInfoAccess");
      } catch {
        ext.malformed.push("authorityInfoAccess");
      }
      continue;
    }
    if (!INTERPRETED.has(oid)) continue;
    const v = value.length ? readTlvIn(value) : undefined;
    if (!v) throw new DerError("empty extension value");
    switch (oid) {
      case OID.basicConstraints: {
        const bc = children(value, expectTag(v, 0x30, "BasicConstraints"));
        let i = 0;
        let ca = false;
        if (bc[i]?.tag === 0x01) ca = content(value, bc[i++]!)[0] !== 0;
        const pathLength = bc[i]?.tag === 0x02 ? readSmallInt(value, bc[i]) : undefined;
        ext.basicConstraints = { ca, critical, ...(pathLength !== undefined ? { pathLength } : {}) };
        break;
      }
      case OID.keyUsage: {
        const { bytes } = readBitString(value, v);
        ext.keyUsage = KEY_USAGE_BITS.filter((_, i) => ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0);
        break;
      }
      case OID.extKeyUsage:
        ext.extendedKeyUsage = children(value, expectTag(v, 0x30, "ExtKeyUsage")).map((o) => {
          const id = readOid(value, o);
          return EKU_NAMES[id] ?? id;
        });
        break;
      case OID.subjectAltName:
        ext.subjectAltNames = readGeneralNames(value, v);
        ext.generalNames = readGeneralNameList(value, v);
        break;
      case OID.subjectKeyIdentifier:
        ext.subjectKeyIdentifier = hex(content(value, expectTag(v, 0x04, "KeyIdentifier")));
        break;
      case OID.authorityKeyIdentifier: {
        const fields = children(value, expectTag(v, 0x30, "AuthorityKeyIdentifier"));
        const id = fields.find((c) => c.tag === 0x80);
        if (id) ext.authorityKeyIdentifier = hex(content(value, id));
        ext.akiFields = {
          keyIdentifier: !!id,
          issuer: fields.some((c) => c.tag === 0xa1),
          serial: fields.some((c) => c.tag === 0x82),
        };
        break;
      }
    }
  }
  return ext;
}

const INTERPRETED = new Set<string>([
  OID.basicConstraints,
  OID.keyUsage,
  OID.extKeyUsage,
  OID.subjectAltName,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
]);

export { isIP };
