/**
 * Control and bidirectional-formatting characters made visible. A right-to-left override (U+202E) in a file
 * name or a subject makes `evil<U+202E>gnp.pem` display as `evilmep.png`; C0/C1 controls and zero-width
 * characters hide or reorder text the same way (Unicode TR #36 §2.2, CVE-2021-42574 "Trojan Source").
 * Everything that shows such text from an upload passes it through `visible`; the check warns about it
 * (lib/pki/unsafe-text.ts). Free of the finding catalogue: the browser renders findings through it.
 */

// One character class: linear, nothing to backtrack. Tab, LF and CR are controls too in a name or a DN.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

// The same without LF, for multi-line text (hints with commands, finding messages).
const UNSAFE_IN_LINES =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** `s` with each control or bidi character replaced by `⟨U+XXXX⟩`. */
export function visible(s: string): string {
  return s.replace(UNSAFE, (c) => `⟨${codePoint(c)}⟩`);
}

/** Like `visible`, keeping line feeds: for multi-line text. */
export function visibleLines(s: string): string {
  return s.replace(UNSAFE_IN_LINES, (c) => `⟨${codePoint(c)}⟩`);
}

/** The distinct control and bidi characters in `s`, as `U+XXXX` (empty when there are none). */
export function unsafeCharacters(s: string): string[] {
  return [...new Set(s.match(UNSAFE) ?? [])].map(codePoint);
}
