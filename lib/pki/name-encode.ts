/** Encode RDNs as a DER Name (RFC 5280 §4.1.2.4): C as PrintableString (X.520 requires it), the rest UTF8String. */
import { oid, printable, seq, set, utf8 } from "./der-write";
import type { Rdn } from "./dn";

export function encodeName(rdns: readonly Rdn[]): Uint8Array {
  return seq(
    ...rdns.map((r) => set(...r.map((a) => seq(oid(a.oid), a.type === "C" ? printable(a.value) : utf8(a.value))))),
  );
}
