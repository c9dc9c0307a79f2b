/**
 * GeneralName (RFC 5280 §4.2.1.6) and NameConstraints (§4.2.1.10) in the form path validation needs: raw
 * address bytes, names as IA5 text, directory names as RDN lists. Display forms stay in extensions.ts.
 */
import { children, content, DerError, expectTag, readOid, readTlvIn, type Tlv } from "./der";
import { readName, type Rdn } from "./dn";

export type NameType = "dns" | "ip" | "email" | "uri" | "dirName" | "otherName" | "x400" | "ediParty" | "registeredId";

/** One general name. `text` for IA5 forms, `bytes` for iPAddress, `rdns` for directoryName. */
export type GeneralName = { type: NameType; text: string; bytes?: Uint8Array; rdns?: Rdn[] };

export type NameConstraints = {
  critical: boolean;
  permitted: GeneralName[];
  excluded: GeneralName[];
  /** RFC 5280 §4.2.1.10: at least one subtree list must be present and non-empty. */
  empty: boolean;
};

const TYPES: Record<number, NameType> = {
  0: "otherName",
  1: "email",
  2: "dns",
  3: "x400",
  4: "dirName",
  5: "ediParty",
  6: "uri",
  7: "ip",
  8: "registeredId",
};

/** Read one GeneralName TLV. Throws DerError on malformed input. */
export function readGeneralName(buf: Uint8Array, g: Tlv): GeneralName {
  if ((g.tag & 0xc0) !== 0x80) throw new DerError("GeneralName must be context-tagged");
  const type = TYPES[g.tag & 0x1f];
  if (!type) throw new DerError("unknown GeneralName tag");
  const c = content(buf, g);
  switch (type) {
    case "dns":
    case "email":
    case "uri":
      return { type, text: Buffer.from(c).toString("latin1") };
    case "ip":
      return { type, text: "", bytes: c };
    case "dirName":
      return { type, text: "", rdns: readName(buf, children(buf, g)[0]).rdns };
    case "otherName":
      return { type, text: g.constructed ? readOid(buf, children(buf, g)[0]) : "" };
    default:
      return { type, text: "" };
  }
}

/** GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName. */
export function readGeneralNameList(buf: Uint8Array, t: Tlv): GeneralName[] {
  return children(buf, expectTag(t, 0x30, "GeneralNames")).map((g) => readGeneralName(buf, g));
}

/** NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL, excludedSubtrees [1] ... }. */
export function readNameConstraints(value: Uint8Array, critical: boolean): NameConstraints {
  const outer = readTlvIn(value);
  const nc: NameConstraints = { critical, permitted: [], excluded: [], empty: true };
  for (const part of children(value, expectTag(outer, 0x30, "NameConstraints"))) {
    if (part.tag !== 0xa0 && part.tag !== 0xa1) throw new DerError("unexpected field in NameConstraints");
    const list = part.tag === 0xa0 ? nc.permitted : nc.excluded;
    for (const subtree of children(value, part)) {
      // GeneralSubtree ::= SEQUENCE { base GeneralName, minimum [0] DEFAULT 0, maximum [1] OPTIONAL }
      const [base, ...rest] = children(value, expectTag(subtree, 0x30, "GeneralSubtree"));
      if (!base) throw new DerError("empty GeneralSubtree");
      // §4.2.1.10: minimum MUST be zero and maximum MUST be absent; anything else is a constraint we cannot apply.
      if (rest.length) throw new DerError("GeneralSubtree minimum/maximum are not allowed");
      list.push(readGeneralName(value, base));
    }
  }
  nc.empty = nc.permitted.length === 0 && nc.excluded.length === 0;
  return nc;
}
