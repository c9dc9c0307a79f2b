// What must never reach a log line (docs/decisions/015-observability.md): passwords, tokens, keys and
// certificate bodies. Log lines carry chosen fields only; this is the second line of defence for what an
// error message may quote (a Prisma validation error prints the arguments of the failed call, PEM included).

const PEM = /-----BEGIN [A-Z0-9 #]+-----[\s\S]*?(?:-----END [A-Z0-9 #]+-----|$)/g;
const API_TOKEN = /\btlsp_[A-Za-z0-9_-]+/g;
const BEARER = /\b(Bearer|Basic)\s+[^\s"',;]+/gi;
// Unarmoured DER or key material in base64 (64+ characters without a break, mixing cases and digits, which
// file paths in stack traces do not).
const BASE64_BLOB = /[A-Za-z0-9+/_-]{64,}={0,2}/g;
const looksEncoded = (run) => /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run);
// key=value or "key": "value" where the key names a secret.
const SECRET_PAIR =
  /((?:password|passwd|passphrase|secret|otp|token|authorization|cookie|private_?key|client_secret)["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&}]+)/gi;
const SECRET_KEY = /pass(word|phrase)?|secret|token|authorization|cookie|otp|private_?key|csrf|^code$|^body$|pem$/i;

/** A string with every secret-looking part replaced by a marker. */
export function scrubText(text) {
  return text
    .replace(PEM, "[pem redacted]")
    .replace(API_TOKEN, "[token redacted]")
    .replace(BEARER, "$1 [redacted]")
    .replace(SECRET_PAIR, "$1[redacted]")
    .replace(BASE64_BLOB, (run) => (looksEncoded(run) ? "[blob redacted]" : run));
}

/** A copy of a log object: secret-named keys dropped to a marker, every string scrubbed. */
export function scrubValue(value, depth = 0) {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object" || depth > 8) return value;
  // An Error's message and stack are not enumerable: serialize them explicitly (with its cause), scrubbed.
  if (value instanceof Error) {
    const { code } = value;
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: scrubText(value.stack ?? ""),
      ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
      ...(value.cause !== undefined ? { cause: scrubValue(value.cause, depth + 1) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && item != null ? "[redacted]" : scrubValue(item, depth + 1);
  }
  return out;
}
