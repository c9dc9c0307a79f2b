/**
 * How much the portal reads of one upload, and what to say when it is too much. Pure, tiny and free of the
 * finding catalogue, so the browser (the upload form checks a chosen file and pasted text before sending
 * them), the server actions and the decoder share it. The INPUT_TOO_LARGE finding itself is `inputTooLarge`
 * (lib/pki/decode.ts); a client component gets that finding's code, severity and title from its server page.
 */
export const MAX_INPUT_BYTES = 1024 * 1024;
export const MAX_CERTIFICATES = 100;

const mib = (bytes: number) => (bytes / 1048576).toFixed(1);
const limit = (bytes: number) => `${Number((bytes / 1048576).toFixed(2))} MiB`;

/** "1 MiB": the limit as people read it. */
export const MAX_INPUT_LABEL = limit(MAX_INPUT_BYTES);

/** The message and hint of INPUT_TOO_LARGE for `size` bytes of `what` ("file", "pasted text", "input"). */
export function inputTooLargeText(
  size: number,
  what = "input",
  maxBytes = MAX_INPUT_BYTES,
): { message: string; hint: string } {
  return {
    message: `The ${what} is ${mib(size)} MiB (${size} bytes); the limit is ${limit(maxBytes)}.`,
    hint: "Upload only the CSR or the certificates of one chain, as PEM or DER, without other content.",
  };
}

/** The browser's note for a chosen file over the limit, before anything is sent. */
export function fileTooLargeNote(name: string, size: number): string {
  return `${name} is ${mib(size)} MiB: the limit is ${MAX_INPUT_LABEL}.`;
}
