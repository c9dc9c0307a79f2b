/**
 * One corrected command per upload (issue 15): instead of one openssl command per finding, each with its own
 * -subj, the client credential's findings are folded into a single command derived from the program table —
 * the right key, SHA-256, the expected subject (CN and the DN parts the program asks for), and for a
 * self-signed credential its validity and extensions. Following it fixes every finding at once.
 */
import { dnValues, type Rdn } from "./dn";
import type { Finding, FindingCode } from "./findings";
import { CERTIFICATE_FINDINGS } from "./finding-catalogue/certificate";
import { CLIENT_CREDENTIAL_FINDINGS } from "./finding-catalogue/client-credential";
import type { PublicKeyInfo } from "./public-key";
import { expectedD1Cn, shellQuote, subjWithCn } from "./policy/cn";
import {
  cnGivenByThales,
  maxValidityDays,
  programRules,
  thalesIssues,
  type Environment,
  type Program,
} from "./policy/rules";

export type FixCommand = {
  /** What the command does, in words (never the command itself). */
  prose: string;
  /** The shell command(s), one per line, ready to copy. */
  command: string;
  /** How to read it: placeholders to fill in, why the `\/` escapes are there, which file to upload. */
  notes: string[];
};

/** The placeholder for the private key the customer already has. */
export const KEY_PLACEHOLDER = "<your-private-key.pem>";
/** The file a new key is written to when the command makes one. */
export const NEW_KEY_FILE = "client.key";

/** Findings that only a new key pair fixes. */
const NEW_KEY_CODES: readonly FindingCode[] = [
  "KEY_NOT_ALLOWED",
  "KEY_RSA_2048_REFUSED",
  "ENVIRONMENT_MIXUP",
  "KEY_EC_PREFERRED",
];

/**
 * Informational findings the command fixes all the same (a new key, a certificate that is not a CA): other
 * infos only say what Thales does with the upload, and alone they ask for no new command.
 */
const FIXED_INFO_CODES: readonly FindingCode[] = [...NEW_KEY_CODES, "CLIENT_CERT_IS_CA"];

/** Only Thales can fix this one (it sets the CN); the command keeps the upload's CN meanwhile. */
const NOT_FIXED: readonly FindingCode[] = ["EXPECTED_CN_UNKNOWN"];

/**
 * A finding the new credential fixes: one about the credential itself (program rules, or the certificate's
 * own structure and validity). Findings about the file name or other assets are not the command's business.
 */
const fixable = (f: Finding): boolean =>
  (Object.hasOwn(CLIENT_CREDENTIAL_FINDINGS, f.code) || Object.hasOwn(CERTIFICATE_FINDINGS, f.code)) &&
  !NOT_FIXED.includes(f.code) &&
  (f.severity !== "info" || FIXED_INFO_CODES.includes(f.code));

/** Placeholders for the DN parts a program expects, in the order openssl writes them (CN last). */
const DN_PLACEHOLDER: Record<string, string> = {
  C: "<country, 2 letters>",
  ST: "<state>",
  L: "<locality>",
  O: "<organization>",
  OU: "<organization unit>",
};
const DN_ORDER = ["C", "ST", "L", "O", "OU"];

/** openssl's names of the NIST curves a program may list. */
const CURVE_NAME: Record<string, string> = { "P-256": "prime256v1", "P-384": "secp384r1", "P-521": "secp521r1" };

/** The openssl command that makes the program's preferred key (an EC key when the program allows one). */
export function newKeyCommand(program: Program, out = NEW_KEY_FILE): { command: string; keyType: "ec" | "rsa" } {
  const keys = programRules(program).allowedKeys;
  const key = keys.find((k) => k.type === "ec") ?? keys[0]!;
  if (key.type === "ec")
    return {
      command: `openssl ecparam -name ${CURVE_NAME[key.curve] ?? key.curve} -genkey -noout -out ${out}`,
      keyType: "ec",
    };
  return { command: `openssl genrsa -out ${out} ${key.bits}`, keyType: "rsa" };
}

/**
 * The openssl command that makes the client credential with `subj` from `keyFile`: a CSR (Thales signs) or a
 * self-signed certificate with the program's maximum validity, not a CA (openssl req -x509 would otherwise say
 * CA:TRUE), and the key usages TLS client authentication needs.
 */
export function credentialCommand(program: Program, subj: string, keyFile = KEY_PLACEHOLDER): string {
  if (thalesIssues(program))
    return `openssl req -new -key ${keyFile} -sha256 -out request.csr \\\n  -subj ${shellQuote(subj)}`;
  const days = maxValidityDays(program) ?? 365;
  return (
    `openssl req -x509 -new -key ${keyFile} -sha256 -days ${days} -out client-cert.pem \\\n` +
    `  -subj ${shellQuote(subj)} \\\n` +
    `  -addext "basicConstraints=critical,CA:FALSE" -addext "keyUsage=critical,digitalSignature" \\\n` +
    `  -addext "extendedKeyUsage=clientAuth"`
  );
}

export type FixInput = {
  program: Program;
  environment: Environment;
  identifier: string;
  /** The CN Thales set for this connection (programs whose CN Thales gives). */
  expectedCn?: string;
  /** The subject of the upload, kept where it is right. */
  subject: readonly Rdn[];
  key: PublicKeyInfo;
  findings: readonly Finding[];
};

/**
 * `rdns` (without its CN) with the program's expected DN parts, a placeholder for each missing one, in the order
 * openssl writes them; the user's other parts follow.
 */
function withExpectedParts(program: Program, subject: readonly Rdn[]): Rdn[] {
  const expected = programRules(program).expectedDnAttributes;
  const rdns = subject.filter((r) => !r.some((a) => a.type === "CN"));
  if (!expected.length) return rdns;
  return [
    ...DN_ORDER.flatMap((t) => {
      const mine = rdns.filter((r) => r.some((a) => a.type === t));
      if (mine.length || !expected.includes(t)) return mine;
      return [[{ type: t, oid: "", value: DN_PLACEHOLDER[t] ?? `<${t}>` }]];
    }),
    ...rdns.filter((r) => !r.some((a) => DN_ORDER.includes(a.type))),
  ];
}

/** The -subj of a first credential, before any upload: the program's DN parts as placeholders, then `cn`. */
export function placeholderSubj(program: Program, cn: string): string {
  return subjWithCn(withExpectedParts(program, []), cn);
}

/** The subject with the program's expected DN parts (placeholders where missing) and the expected CN last. */
function correctedSubject(input: FixInput, keyType: "ec" | "rsa"): string {
  const { program } = input;
  const cn = cnGivenByThales(program)
    ? input.expectedCn || (dnValues({ rdns: input.subject }, "CN")[0] ?? "<CN from the portal>")
    : expectedD1Cn({ program, identifier: input.identifier, environment: input.environment, keyType });
  return subjWithCn(withExpectedParts(program, input.subject), cn);
}

/**
 * The one command that fixes every finding of a client credential upload (CSR or self-signed certificate), or
 * undefined when there is nothing the customer's openssl can fix (no findings, or only informational ones
 * about what Thales does).
 */
export function fixCommand(input: FixInput): FixCommand | undefined {
  const relevant = input.findings.filter(fixable);
  if (relevant.length === 0) return undefined;
  const rules = programRules(input.program);
  const needsNewKey = input.findings.some((f) => NEW_KEY_CODES.includes(f.code));
  const currentType = input.key.type === "ec" ? "ec" : "rsa";
  const fresh = needsNewKey ? newKeyCommand(input.program) : undefined;
  const keyType = fresh?.keyType ?? currentType;
  const subj = correctedSubject(input, keyType);
  const lines = [
    ...(fresh ? [fresh.command] : []),
    credentialCommand(input.program, subj, fresh ? NEW_KEY_FILE : KEY_PLACEHOLDER),
  ];
  const what = thalesIssues(input.program) ? "a new CSR" : "a new self-signed client certificate";
  const prose =
    `This makes ${what} that fixes all ${relevant.length} finding(s) at once: ` +
    (fresh ? "a new key the program accepts, " : "your existing key, ") +
    "SHA-256, the subject the program expects" +
    (thalesIssues(input.program)
      ? "."
      : `, at most ${maxValidityDays(input.program)} days of validity, and the extensions of a TLS client certificate (not a CA).`);
  const notes = [
    fresh
      ? `The first line makes a new key in ${NEW_KEY_FILE}; keep it secret, it never leaves your machine.`
      : `Replace ${KEY_PLACEHOLDER} with the path of the private key you made this upload with.`,
    "The -subj value is in double quotes for a POSIX shell (bash, zsh); a trailing \\ continues the command on the next line.",
    "Inside -subj a / starts the next attribute, so a / that belongs to a value is written \\/ (as in the CN): keep those backslashes.",
  ];
  if (/<[^<>]+>/.test(subj.replace(input.expectedCn ?? "", "")))
    notes.push("Replace every <…> in -subj with your organization's values.");
  notes.push(`Then upload ${thalesIssues(input.program) ? "request.csr" : "client-cert.pem"} again.`);
  if (needsNewKey && rules.allowedKeys.length > 1)
    notes.push(
      `${rules.label} also accepts ${rules.allowedKeys.map((k) => (k.type === "rsa" ? `RSA ${k.bits}` : `EC ${k.curve}`)).join(", ")}.`,
    );
  return { prose, command: lines.join("\n"), notes };
}
