/**
 * Program rules, in one place (DESIGN §2, from the Thales reference pages in ../shared/reference/).
 * Exported as data so the portal can display exactly what the checker enforces.
 */
export type Program = "d1" | "d1-ecom" | "tsh";
export type Environment = "PPR" | "PRD";
export type AssetCheckKind = "csr" | "client-certificate" | "server-chain" | "trust-store";

export const PROGRAMS: readonly Program[] = ["d1", "d1-ecom", "tsh"];
export const ENVIRONMENTS: readonly Environment[] = ["PPR", "PRD"];
export const ASSET_CHECK_KINDS: readonly AssetCheckKind[] = ["csr", "client-certificate", "server-chain", "trust-store"];

export type AllowedKey = { type: "rsa"; bits: number } | { type: "ec"; curve: "P-256" | "P-384" };

export type ProgramRules = {
  program: Program;
  label: string;
  /** What Thales calls the identifier of this program. */
  identifierName: string;
  /** How the customer's client credential is provided. */
  clientCredential: "csr-signed-by-thales" | "self-signed-certificate";
  /** Asset kinds a customer uploads for this program. */
  customerAssets: AssetCheckKind[];
  allowedKeys: AllowedKey[];
  /** Keys accepted but not preferred. */
  discouragedKeys: AllowedKey[];
  signatureHash: "SHA-256";
  commonName: { kind: "pattern"; pattern: string } | { kind: "given-by-thales" };
  /** DN attributes the reference page asks for besides CN. */
  expectedDnAttributes: string[];
  /** Client certificate validity: set at issuing (D1) or the maximum allowed (TSH). */
  clientCertificateValidity: { issuedYears: number } | { maxYears: number };
  /** Human-readable list of the rules, for the UI. */
  summary: string[];
};

const D1_SUMMARY = (idName: string) => [
  "Client credential: a CSR, signed by the Thales CA (Business PKI); the certificate is valid 5 years.",
  "Key: RSA 4096 or ECDSA P-256 (RSA 2048 is refused).",
  "Signature hash: SHA-256.",
  `CN: TLSMA-RSA/<${idName}>/D1.<env> or TLSMA-ECDSA/<${idName}>/D1.<env> by key type; env is PPR or PRD.`,
  "Other DN parts: C, ST, L, O and OU are expected.",
  "Server chain: from a Mozilla-trusted CA, otherwise also provide a PEM trust store.",
];

const d1Like = (program: "d1" | "d1-ecom", label: string, identifierName: string): ProgramRules => ({
  program,
  label,
  identifierName,
  clientCredential: "csr-signed-by-thales",
  customerAssets: ["csr", "server-chain", "trust-store"],
  allowedKeys: [{ type: "rsa", bits: 4096 }, { type: "ec", curve: "P-256" }],
  discouragedKeys: [],
  signatureHash: "SHA-256",
  commonName: { kind: "pattern", pattern: `TLSMA-{RSA|ECDSA}/<${identifierName}>/D1.<env>` },
  expectedDnAttributes: ["C", "ST", "L", "O", "OU"],
  clientCertificateValidity: { issuedYears: 5 },
  summary: D1_SUMMARY(identifierName),
});

const RULES: Record<Program, ProgramRules> = {
  d1: d1Like("d1", "D1 issuer", "issuerId"),
  "d1-ecom": d1Like("d1-ecom", "D1 eCom merchant gateway", "merchantGatewayId"),
  tsh: {
    program: "tsh",
    label: "TSH classic tokenization",
    identifierName: "customer identifier",
    clientCredential: "self-signed-certificate",
    customerAssets: ["client-certificate", "server-chain", "trust-store"],
    allowedKeys: [{ type: "ec", curve: "P-256" }, { type: "ec", curve: "P-384" }, { type: "rsa", bits: 2048 }],
    discouragedKeys: [{ type: "rsa", bits: 2048 }],
    signatureHash: "SHA-256",
    commonName: { kind: "given-by-thales" },
    expectedDnAttributes: [],
    clientCertificateValidity: { maxYears: 2 },
    summary: [
      "Client credential: a self-signed certificate, pinned (endorsed) by Thales.",
      "Key: EC P-256 or P-384 (preferred), or RSA 2048.",
      "Signature hash: SHA-256.",
      "CN: the value Thales gives for this customer and environment.",
      "Validity: at most 2 years.",
      "Server chain: from a Mozilla-trusted CA, otherwise also provide a PEM trust store.",
    ],
  },
};

/** The rules of one program, as data. */
export function programRules(program: Program): ProgramRules {
  return RULES[program];
}

export const isProgram = (v: unknown): v is Program => typeof v === "string" && (PROGRAMS as readonly string[]).includes(v);
export const isEnvironment = (v: unknown): v is Environment => typeof v === "string" && (ENVIRONMENTS as readonly string[]).includes(v);
export const isAssetCheckKind = (v: unknown): v is AssetCheckKind => typeof v === "string" && (ASSET_CHECK_KINDS as readonly string[]).includes(v);
