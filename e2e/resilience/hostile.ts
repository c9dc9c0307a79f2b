import { expect, type APIResponse } from "@playwright/test";

/** Deterministic PRNG (mulberry32): the same seed replays the same corpus and fuzz cases. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    bytes: (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(next() * 256))),
  };
}
export type Rng = ReturnType<typeof rng>;

/** Strings an attacker or a broken client sends: control characters, NUL, unicode tricks, traversal, SQL, injection. */
export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0000".repeat(64),
  "\t\r\n\v\f",
  "\u0007\u0008\u001b[31mred",
  "\u007f\u0080\u009f",
  "../../../../etc/passwd",
  "..\\..\\..\\windows\\win.ini",
  "....//....//etc/passwd",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "/etc/passwd\u0000.pem",
  "' OR '1'='1",
  '1; DROP TABLE "Asset"; --',
  '" OR 1=1 --',
  "admin'--",
  '1 UNION SELECT * FROM "User"',
  "%' AND 1=0 --",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "${jndi:ldap://127.0.0.1/a}",
  "{{7*7}}",
  "$(reboot)",
  "`id`",
  "\uFEFFbom",
  "\u202Egnp.exe",
  "\u200B\u200C\u200D",
  "😀🔐🏦",
  "Ω≈ç√∫",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "\uD800",
  "\uDFFFlone",
  "ﬁ",
  "İstanbul",
  "a\u0301\u0301\u0301",
  "CON",
  "nul.pem",
  "aux.csr",
  "x".repeat(255),
  "x".repeat(256),
  "é".repeat(300),
  "%00",
  "%ff",
  "%",
  "?",
  "#",
  "*",
  "\\\\server\\share\\x",
  "null",
  "undefined",
  "NaN",
  "-1",
  "0",
  "1e309",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "prototype",
  "\r\n\r\nX-Injected: 1",
  "a".repeat(5000),
  "\u0000".repeat(3000),
  "😀".repeat(2000),
];

/** Values of the wrong JSON type for a field expecting a string (or a number). */
export const WRONG_TYPES: readonly unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  true,
  false,
  [],
  [1, 2],
  ["x"],
  {},
  { $gt: "" },
  { __proto__: { admin: true } },
  "x",
];

/** A random string assembled from hostile pieces, random unicode and control characters. */
export function hostileString(r: Rng, maxLength = 400): string {
  const parts: string[] = [];
  const n = r.int(1, 4);
  for (let i = 0; i < n; i++) {
    const kind = r.int(0, 3);
    if (kind === 0) parts.push(r.pick(HOSTILE_STRINGS));
    else if (kind === 1)
      parts.push(
        String.fromCodePoint(
          ...Array.from({ length: r.int(1, 20) }, () =>
            r.pick([
              r.int(0, 0x1f),
              r.int(0x20, 0x7e),
              r.int(0xa0, 0xd7ff),
              r.int(0xe000, 0xfffd),
              r.int(0x10000, 0x10ffff),
            ]),
          ),
        ),
      );
    else if (kind === 2) parts.push(r.bytes(r.int(1, 40)).toString("latin1"));
    else parts.push(r.bytes(r.int(1, 60)).toString("base64"));
  }
  return parts.join("").slice(0, maxLength);
}

/** PEM text damaged the ways files get damaged: truncated, a bit flipped, lines dropped, headers mangled, CRLF. */
export function mutatePem(r: Rng, pem: string): string {
  const mode = r.int(0, 7);
  const body = pem.trim();
  if (mode === 0) return body.slice(0, r.int(1, body.length - 1));
  if (mode === 1) {
    const bytes = Buffer.from(body);
    const at = r.int(28, bytes.length - 30);
    bytes[at] = bytes[at]! ^ (1 << r.int(0, 6));
    return bytes.toString("latin1");
  }
  if (mode === 2)
    return body
      .split("\n")
      .filter((_, i, all) => i === 0 || i === all.length - 1 || r.next() > 0.2)
      .join("\n");
  if (mode === 3)
    return body.replace(
      /-----BEGIN [A-Z ]+-----/,
      r.pick(["-----BEGIN CERTIFICATE----", "-----BEGIN X509 CRL-----", "-----BEGIN -----", "BEGIN CERTIFICATE"]),
    );
  if (mode === 4) return body.replace(/\n/g, "\r\n") + "\u0000";
  if (mode === 5) return "\uFEFF" + body.replace(/[A-Za-z0-9+/]{10}/, (m) => m.split("").reverse().join(""));
  if (mode === 6) return body.replace(/-----END [A-Z ]+-----/, "");
  return body + "\n" + body.slice(0, r.int(30, body.length));
}

/** Base64 DER, damaged: truncated, a flipped bit, a wrong outer length, random junk appended. */
export function mutateDer(r: Rng, der: Buffer): string {
  const bytes = Buffer.from(der);
  const mode = r.int(0, 3);
  if (mode === 0) return bytes.subarray(0, r.int(1, bytes.length - 1)).toString("base64");
  if (mode === 1) {
    const at = r.int(0, bytes.length - 1);
    bytes[at] = bytes[at]! ^ (1 << r.int(0, 7));
    return bytes.toString("base64");
  }
  if (mode === 2) {
    bytes[1] = r.int(0x80, 0x84);
    return bytes.toString("base64");
  }
  return Buffer.concat([bytes, r.bytes(r.int(1, 200))]).toString("base64");
}

export function derOf(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[A-Z0-9 ]+-----/g, "").replace(/\s+/g, ""), "base64");
}

/** Body text that betrays internals: stack frames, file paths, ORM or driver errors, raw JS error names. */
export const INTERNALS =
  /\n\s+at \S+ \(|node_modules|\/work\/|\/\.next[-/]|PrismaClient|prisma\.|Invalid `|SQLITE_|violates|syntax error at|invalid byte sequence|TypeError|RangeError|ReferenceError|SyntaxError|URIError|\bError: /;

export type Outcome = { label: string; status: number; body: string; contentType: string };

/** One problem with one response, in words a failing test can print. */
export function problemsOf(
  o: Outcome,
  options: {
    allowed: readonly number[];
    secrets?: readonly string[];
    uploadVerdictAllowed?: boolean;
    hostilePath?: boolean;
  },
): string[] {
  const problems: string[] = [];
  // A hostile path segment may never reach a route handler: Node refuses an over-long URL (431, empty body) and
  // Next's router answers an unroutable path (an id that decodes to "/" or "..") with its HTML 404 page.
  if (options.hostilePath && (o.status === 431 || (o.status === 404 && o.contentType.startsWith("text/html")))) {
    if (INTERNALS.test(o.body))
      problems.push(`${o.label} → ${o.status}: leaks internals (${INTERNALS.exec(o.body)![0]})`);
    return problems;
  }
  const say = (what: string) =>
    problems.push(`${o.label} → ${o.status}: ${what} | ${o.body.slice(0, 300).replace(/\s+/g, " ")}`);
  if (o.status >= 500) say("server error");
  if (!options.allowed.includes(o.status)) say(`status not in ${options.allowed.join("/")}`);
  if (INTERNALS.test(o.body)) say(`leaks internals (${INTERNALS.exec(o.body)![0]})`);
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(o.body)) say("echoes a private key header");
  for (const secret of options.secrets ?? [])
    if (o.body.includes(secret)) say(`echoes private key material ${secret.slice(0, 16)}…`);
  if (o.status >= 400) {
    if (!o.contentType.includes("application/json")) say(`error is not JSON (${o.contentType})`);
    else {
      let json: unknown;
      try {
        json = JSON.parse(o.body);
      } catch {
        say("error body does not parse as JSON");
      }
      const body = json as
        | {
            error?: unknown;
            message?: unknown;
            verdict?: unknown;
            findings?: { severity?: unknown; code?: unknown; message?: unknown }[];
          }
        | undefined;
      const plain =
        typeof body?.error === "string" &&
        /^[A-Z][A-Z_]+$/.test(body.error) &&
        typeof body.message === "string" &&
        body.message.trim().length >= 5;
      const verdict =
        options.uploadVerdictAllowed &&
        o.status === 422 &&
        (body?.verdict === "rejected" || body?.verdict === "needs-confirmation") &&
        Array.isArray(body.findings) &&
        body.findings.length > 0 &&
        body.findings.every(
          (f) => typeof f.code === "string" && typeof f.message === "string" && f.message.length > 0,
        ) &&
        (body.verdict !== "rejected" || body.findings.some((f) => f.severity === "error"));
      if (json !== undefined && !plain && !verdict)
        say("error body lacks { error: CODE, message } (or an upload verdict with findings)");
    }
  }
  return problems;
}

export async function outcome(label: string, response: APIResponse): Promise<Outcome> {
  return {
    label,
    status: response.status(),
    body: (await response.body()).toString("utf8"),
    contentType: response.headers()["content-type"] ?? "",
  };
}

/** Runs thunks with bounded concurrency, in order of submission. */
export async function pool<T>(items: readonly (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await items[i]!();
      }
    }),
  );
  return results;
}

/** Fails with the first problems listed (and how many there were), or passes. */
export function expectNoProblems(problems: string[], what: string): void {
  expect(problems.slice(0, 15), `${problems.length} problem(s) in ${what}`).toEqual([]);
}
