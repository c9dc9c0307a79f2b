/**
 * How much the portal reads of one upload, and the finding that says it is too much. Pure and tiny so the
 * browser (the upload form checks pasted text before sending it), the server actions and the decoder share it.
 */
import { finding, type Finding } from "./findings";

export const MAX_INPUT_BYTES = 1024 * 1024;
export const MAX_CERTIFICATES = 100;

const mib = (bytes: number) => (bytes / 1048576).toFixed(1);
const limit = (bytes: number) => `${Number((bytes / 1048576).toFixed(2))} MiB`;

/** "1 MiB": the limit as people read it. */
export const MAX_INPUT_LABEL = limit(MAX_INPUT_BYTES);

/** INPUT_TOO_LARGE for `size` bytes of `what` ("file", "pasted text", "input"). */
export function inputTooLarge(size: number, what = "input", maxBytes = MAX_INPUT_BYTES): Finding {
  return finding(
    "INPUT_TOO_LARGE",
    `The ${what} is ${mib(size)} MiB (${size} bytes); the limit is ${limit(maxBytes)}.`,
    "Upload only the CSR or the certificates of one chain, as PEM or DER, without other content.",
  );
}

/** The browser's note for a chosen file over the limit, before anything is sent. */
export function fileTooLargeNote(name: string, size: number): string {
  return `${name} is ${mib(size)} MiB: the limit is ${MAX_INPUT_LABEL}.`;
}
