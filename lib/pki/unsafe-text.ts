/** The check's warning about control and bidi characters in text from an upload (lib/pki/visible-text.ts). */
import { warning, type Finding } from "./findings";
import { unsafeCharacters, visible } from "./visible-text";

/** The UNSAFE_CHARACTERS warning for `what` ("The file name", "The subject of certificate …"), or none. */
export function unsafeTextFindings(what: string, value: string): Finding[] {
  const found = unsafeCharacters(value);
  if (found.length === 0) return [];
  return [
    warning(
      "UNSAFE_CHARACTERS",
      `${what} contains control or bidirectional characters (${found.join(", ")}); it is shown as ${visible(value)}.`,
      "Rename the file, or make the certificate or CSR again without those characters.",
    ),
  ];
}
