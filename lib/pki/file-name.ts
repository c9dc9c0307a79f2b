/**
 * The name a file was uploaded under is user input too: a private key pasted into it refuses the upload like a
 * key in the content (and is never echoed), and control or bidi characters get the UNSAFE_CHARACTERS warning.
 */
import { privateKeyFinding } from "./decode";
import type { Finding } from "./findings";
import { findPrivateKey } from "./key-scan";
import { unsafeTextFindings } from "./unsafe-text";

export function fileNameFindings(name: string | undefined): Finding[] {
  if (!name) return [];
  const key = findPrivateKey([new Uint8Array(Buffer.from(name, "utf8"))]);
  if (key) return [privateKeyFinding({ kind: key.kind, encoding: "in the file name" })];
  return unsafeTextFindings("The file name", name.length > 120 ? `${name.slice(0, 120)}…` : name);
}
