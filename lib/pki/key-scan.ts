/**
 * Scan what the parser did not consume for private keys, in every encoding a careless export produces:
 * raw DER at any offset, PEM armour (any dashes), base64 and base64url runs (split over lines, after a
 * header name, glued to other text: every alignment is tried), hex dumps (plain, spaced, colon-separated,
 * `xxd` with offsets), and one level of nesting (a PEM key inside base64, a key inside PKCS#7 content).
 * Linear in the input: each byte is looked at a bounded number of times; nothing backtracks.
 * The answer names the kind and the encoding, never a byte of the key.
 */
import { privateKeyAt, textHasPrivateKey } from "./private-key-detect";

export type KeyHit = { kind: string; encoding: string };

const MIN_RUN = 16; // shorter runs cannot hold the header of any key structure

/** The first private key found in any of the segments, or null. */
export function findPrivateKey(segments: readonly Uint8Array[]): KeyHit | null {
  for (const s of segments) {
    const hit = scanSegment(s, 0);
    if (hit) return hit;
  }
  return null;
}

function scanSegment(bytes: Uint8Array, depth: number): KeyHit | null {
  if (bytes.length === 0) return null;
  const binary = scanBinary(bytes);
  if (binary) return { kind: binary, encoding: depth ? "encoded" : "binary (DER)" };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  if (textHasPrivateKey(text)) return { kind: "private key", encoding: "PEM or key-file armour" };
  if (depth > 0) return null;
  for (const run of base64Runs(bytes)) {
    for (let shift = 0; shift < 4; shift++) {
      const hit = scanSegment(decodeSextets(run, shift), depth + 1);
      if (hit) return { kind: hit.kind, encoding: "base64 text" };
    }
  }
  for (const run of hexRuns(bytes)) {
    for (let shift = 0; shift < 2; shift++) {
      const hit = scanSegment(decodeNibbles(run, shift), depth + 1);
      if (hit) return { kind: hit.kind, encoding: "hex dump" };
    }
  }
  return null;
}

/** A key structure starting at any offset. Only offsets whose first bytes can start one are sniffed. */
function scanBinary(b: Uint8Array): string | null {
  for (let i = 0; i < b.length - 1; i++) {
    const c = b[i];
    if (c === 0x30) {
      // Every DER key shape starts its SEQUENCE with a small INTEGER version (02 01 00|01|03) or, encrypted,
      // with an AlgorithmIdentifier (30 LL 06 …): a cheap filter before the header walk.
      const l = b[i + 1]!;
      const at = l < 0x80 || l === 0x80 ? i + 2 : i + 2 + (l & 0x7f);
      const child = b[at];
      if (child === 0x02) {
        if (b[at + 1] !== 0x01 || b[at + 2]! > 3) continue;
      } else if (child === 0x30) {
        const cl = b[at + 1];
        if (cl === undefined || b[at + (cl < 0x80 ? 2 : 2 + (cl & 0x7f))] !== 0x06) continue;
      } else continue;
    } else if (c !== 0x6f && c !== 0x1e && c !== 0x07) continue;
    const kind = privateKeyAt(b, i);
    if (kind) return kind;
  }
  return null;
}

const SPACE = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) SPACE[c] = 1;
/** Base64 and base64url alphabets → sextet value + 1 (0 = not in the alphabet). */
const SEXTET = new Uint8Array(256);
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  .split("")
  .forEach((c, i) => (SEXTET[c.charCodeAt(0)] = i + 1));
SEXTET[0x2d] = 63; // "-" = "+"
SEXTET[0x5f] = 64; // "_" = "/"
const NIBBLE = new Uint8Array(256);
"0123456789abcdef".split("").forEach((c, i) => {
  NIBBLE[c.charCodeAt(0)] = i + 1;
  NIBBLE[c.toUpperCase().charCodeAt(0)] = i + 1;
});

/**
 * Maximal runs of the base64 and base64url alphabets as sextet values, whitespace skipped (keys are wrapped
 * over lines). Padding or any other character ends a run: what follows `=` starts a new base64 quantum.
 */
function base64Runs(b: Uint8Array): Uint8Array[] {
  const runs: Uint8Array[] = [];
  const out = new Uint8Array(b.length);
  let n = 0;
  let runStart = 0;
  for (let i = 0; i <= b.length; i++) {
    const c = i < b.length ? b[i]! : 0;
    const v = SEXTET[c]!;
    if (v) {
      out[n++] = v - 1;
      continue;
    }
    if (i < b.length && SPACE[c]) continue;
    if (n - runStart >= MIN_RUN) runs.push(out.subarray(runStart, n));
    runStart = n;
  }
  return runs;
}

/** Sextets → bytes, dropping `shift` leading sextets to try each alignment. */
function decodeSextets(s: Uint8Array, shift: number): Uint8Array {
  const quads = Math.floor((s.length - shift) / 4);
  const out = new Uint8Array(quads * 3);
  for (let q = 0, i = shift, o = 0; q < quads; q++, i += 4, o += 3) {
    const x = (s[i]! << 18) | (s[i + 1]! << 12) | (s[i + 2]! << 6) | s[i + 3]!;
    out[o] = x >> 16;
    out[o + 1] = (x >> 8) & 0xff;
    out[o + 2] = x & 0xff;
  }
  return out;
}

/**
 * Runs of hex digits as nibble values, with spaces, colons or line breaks between them; `xxd` offsets
 * ("00000010:") and its ASCII column are dropped line by line.
 */
function hexRuns(b: Uint8Array): Uint8Array[] {
  const runs: Uint8Array[] = [];
  const out = new Uint8Array(b.length);
  let n = 0;
  let runStart = 0;
  const flush = () => {
    if (n - runStart >= 2 * MIN_RUN) runs.push(out.subarray(runStart, n));
    runStart = n;
  };
  let lineStart = 0;
  while (lineStart < b.length) {
    let lineEnd = b.indexOf(0x0a, lineStart);
    if (lineEnd < 0) lineEnd = b.length;
    let from = lineStart;
    let to = lineEnd;
    // xxd: "00000010: 3082 04bd 0201 0030  0..." → keep the hex columns only.
    if (lineEnd - lineStart > 10 && b[lineStart + 8] === 0x3a && allHex(b, lineStart, lineStart + 8)) {
      from = lineStart + 10;
      for (let i = from; i + 1 < lineEnd; i++)
        if (b[i] === 0x20 && b[i + 1] === 0x20) {
          to = i;
          break;
        }
    }
    for (let i = from; i < to; i++) {
      const c = b[i]!;
      const v = NIBBLE[c]!;
      if (v) out[n++] = v - 1;
      else if (!(SPACE[c] || c === 0x3a)) flush();
    }
    lineStart = lineEnd + 1;
  }
  flush();
  return runs;
}

function decodeNibbles(s: Uint8Array, shift: number): Uint8Array {
  const len = Math.floor((s.length - shift) / 2);
  const out = new Uint8Array(len);
  for (let i = 0, j = shift; i < len; i++, j += 2) out[i] = (s[j]! << 4) | s[j + 1]!;
  return out;
}

function allHex(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!NIBBLE[b[i]!]) return false;
  return true;
}
