/** PEM (RFC 7468) reading and writing, tolerant of CRLF, BOM, explanatory text and RFC 1421 headers. */

export type PemBlock = { label: string; der: Uint8Array | null };

const BLOCK = /-----BEGIN ([A-Z0-9 #._-]{1,64})-----([\s\S]*?)-----END ([A-Z0-9 #._-]{1,64})-----/g;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decode strict-enough base64: only the alphabet, correct padding. Returns null when it is not base64. */
export function decodeBase64(text: string): Uint8Array | null {
  const s = text.replace(/[\s]+/g, "");
  if (s.length === 0 || s.length % 4 === 1 || !BASE64.test(s)) return null;
  return new Uint8Array(Buffer.from(s, "base64"));
}

/** All PEM blocks in `text` (which may contain anything else around them). `der` is null when the body is not base64. */
export function readPemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const label = m[1]!.trim();
    // RFC 1421 encapsulated headers ("Proc-Type: …") precede a blank line; drop lines holding a colon.
    const body = m[2]!.split(/\r?\n/).filter((l) => !l.includes(":")).join("");
    out.push({ label, der: m[3]!.trim() === label ? decodeBase64(body) : null });
  }
  return out;
}

/** True when a BEGIN line has no matching END (a truncated paste). */
export function hasUnterminatedBlock(text: string, blocks: number): boolean {
  const begins = text.match(/-----BEGIN [^-\r\n]{1,64}-----/g)?.length ?? 0;
  return begins > blocks;
}

/** RFC 7468 §2 strict form: 64-character lines, LF, one trailing newline. */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString("base64");
  let body = "";
  for (let i = 0; i < b64.length; i += 64) body += b64.slice(i, i + 64) + "\n";
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}
