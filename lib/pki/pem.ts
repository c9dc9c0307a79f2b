/**
 * PEM (RFC 7468) reading and writing, tolerant of CRLF, BOM, explanatory text and RFC 1421 headers.
 * The reader is one forward pass with cached `indexOf` look-aheads: no regular expression spans blocks, so
 * a megabyte of unterminated BEGIN lines costs one scan of the text, not one scan per BEGIN line.
 */

export type PemBlock = {
  label: string;
  /** Null when the body is not base64 or the END line does not match. */
  der: Uint8Array | null;
  /** Offsets of the whole block (BEGIN line to the end of the END line) in the text. */
  start: number;
  end: number;
  /** RFC 1421 header lines ("Proc-Type: …"): never part of the object, so the key scanner reads them. */
  headers: string;
};

export type PemScan = { blocks: PemBlock[]; unterminated: number };

const BEGIN = "-----BEGIN ";
const END = "-----END ";
const DASHES = "-----";
const MAX_LABEL = 64;
const LABEL_CHARS = /^[A-Z0-9 #._-]+$/;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decode strict-enough base64: only the alphabet, correct padding. Returns null when it is not base64. */
export function decodeBase64(text: string): Uint8Array | null {
  // Both expressions are single character classes: linear, nothing to backtrack into.
  const s = text.replace(/\s+/g, "");
  if (s.length === 0 || s.length % 4 === 1 || !BASE64.test(s)) return null;
  return new Uint8Array(Buffer.from(s, "base64"));
}

/** `indexOf` that remembers its last answer: positions only move forward, so each character is scanned once. */
function forwardFinder(text: string, needle: string) {
  let from = -1;
  let found = -1;
  return (pos: number): number => {
    if (from >= 0 && pos >= from && (found === -1 || found >= pos)) return found;
    from = pos;
    found = text.indexOf(needle, pos);
    return found;
  };
}

/** The label between `pos` and the next five dashes, or null when it is not a PEM label. */
function readLabel(text: string, pos: number): { label: string; end: number } | null {
  const window = text.slice(pos, pos + MAX_LABEL + DASHES.length);
  const close = window.indexOf(DASHES);
  if (close <= 0) return null;
  const label = window.slice(0, close);
  if (!LABEL_CHARS.test(label)) return null;
  return { label: label.trim(), end: pos + close + DASHES.length };
}

/** Every PEM block in `text` (which may contain anything else around them), in one forward pass. */
export function scanPem(text: string): PemScan {
  const blocks: PemBlock[] = [];
  let unterminated = 0;
  const nextBegin = forwardFinder(text, BEGIN);
  const nextEnd = forwardFinder(text, END);
  let pos = 0;
  for (;;) {
    const b = nextBegin(pos);
    if (b < 0) break;
    const begin = readLabel(text, b + BEGIN.length);
    if (!begin) {
      pos = b + BEGIN.length;
      continue;
    }
    const e = nextEnd(begin.end);
    const following = nextBegin(begin.end);
    if (e < 0 || (following >= 0 && following < e)) {
      unterminated++;
      pos = begin.end;
      continue;
    }
    const end = readLabel(text, e + END.length);
    const blockEnd = end ? end.end : e + END.length;
    const { body, headers } = splitHeaders(text.slice(begin.end, e));
    blocks.push({
      label: begin.label,
      der: end?.label === begin.label ? decodeBase64(body) : null,
      start: b,
      end: blockEnd,
      headers,
    });
    pos = blockEnd;
  }
  return { blocks, unterminated };
}

/** RFC 1421 encapsulated headers ("Proc-Type: …") precede a blank line; lines holding a colon are headers. */
function splitHeaders(inner: string): { body: string; headers: string } {
  let body = "";
  let headers = "";
  for (const line of inner.split("\n")) {
    if (line.includes(":")) headers += line + "\n";
    else body += line;
  }
  return { body, headers };
}

/** All PEM blocks in `text`. `der` is null when the body is not base64. */
export function readPemBlocks(text: string): PemBlock[] {
  return scanPem(text).blocks;
}

/** RFC 7468 §2 strict form: 64-character lines, LF, one trailing newline. */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString("base64");
  let body = "";
  for (let i = 0; i < b64.length; i += 64) body += b64.slice(i, i + 64) + "\n";
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}
