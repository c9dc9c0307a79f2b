/**
 * Test and benchmark only: the hostile inputs of issue #10, built byte by byte (no CA would sign them).
 * - `hugeExponentTrustStore`: self-issued `CN=X` certificates whose RSA keys have multi-kilobit public
 *   exponents; before the bounds, a chain builder trying every pair spent ~44 s of CPU on 100 of them.
 * - `unterminatedBegins`: ~1000 KiB of `-----BEGIN A-----` lines without END (a backtracking PEM regex
 *   rescanned the rest of the text for each line).
 */
import { randomBytes } from "node:crypto";
import { bitString, NULL, oid, seq, set, smallInt, tlv, uint, utf8, time } from "./der-write";
import { toPem } from "./pem";

function oddWithTopBit(bytes: number): Uint8Array {
  const b = new Uint8Array(randomBytes(bytes));
  b[0]! |= 0x80;
  b[b.length - 1]! |= 1;
  return b;
}

/** One self-issued RSA certificate `CN=<cn>` with a `modulusBits` modulus and an `exponentBits` public exponent. */
export function hostileRsaCertificate(
  opts: { cn?: string; modulusBits?: number; exponentBits?: number; serial?: number } = {},
): Uint8Array {
  const modulusBytes = (opts.modulusBits ?? 2048) / 8;
  const n = oddWithTopBit(modulusBytes);
  const e = oddWithTopBit(Math.ceil((opts.exponentBits ?? 3064) / 8));
  const name = seq(set(seq(oid("2.5.4.3"), utf8(opts.cn ?? "X"))));
  const spki = seq(seq(oid("1.2.840.113549.1.1.1"), NULL), bitString(seq(uint(n), uint(e))));
  const alg = seq(oid("1.2.840.113549.1.1.11"), NULL);
  const tbs = seq(
    tlv(0xa0, smallInt(2)),
    smallInt(((opts.serial ?? 1) % 127) + 1),
    alg,
    name,
    seq(time(new Date(Date.UTC(2025, 0, 1))), time(new Date(Date.UTC(2035, 0, 1)))),
    name,
    spki,
  );
  const signature = new Uint8Array(randomBytes(modulusBytes));
  signature[0] = 0x01; // below the modulus, so verification really computes s^e mod n
  return seq(tbs, alg, bitString(signature));
}

/** `count` distinct self-issued `CN=X` certificates with huge public exponents, as one PEM trust store. */
export function hugeExponentTrustStore(count = 100, exponentBits = 3064): string {
  let pem = "";
  for (let i = 0; i < count; i++) pem += toPem("CERTIFICATE", hostileRsaCertificate({ exponentBits, serial: i }));
  return pem;
}

/** About `kib` KiB of BEGIN lines that never end. */
export function unterminatedBegins(kib = 1000): string {
  const line = "-----BEGIN A-----\n";
  return line.repeat(Math.floor((kib * 1024) / line.length));
}
