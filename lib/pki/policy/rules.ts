/**
 * Program rules as data: the types of the program table (program-table.ts) and what derives from it.
 * Exported so the portal displays exactly what the checker enforces.
 */
import type { FindingCode } from "../finding-catalogue";
import { PROGRAM_TABLE } from "./program-table";

export type Program = keyof typeof PROGRAM_TABLE;
export type Environment = "PPR" | "PRD";
export type AssetCheckKind = "csr" | "client-certificate" | "server-chain" | "trust-store";

export const PROGRAMS = Object.keys(PROGRAM_TABLE) as Program[];
export const ENVIRONMENTS: readonly Environment[] = ["PPR", "PRD"];
export const ASSET_CHECK_KINDS: readonly AssetCheckKind[] = [
  "csr",
  "client-certificate",
  "server-chain",
  "trust-store",
];

export type KeySpec = { type: "rsa"; bits: number } | { type: "ec"; curve: "P-256" | "P-384" };
/** An accepted key; `cnToken` is what a pattern CN says for keys of this type (TLSMA-<token>/…). */
export type AllowedKey = KeySpec & { cnToken?: string };

/** How the customer's client credential is provided; it decides which checks run and whether Thales issues. */
export type ClientCredential = "csr-signed-by-thales" | "self-signed-certificate";

/**
 * `pattern`: the CN is derived from the connection; the template's {key} is the key's cnToken, {identifier}
 * and {environment} the connection's. `given-by-thales`: Thales sets it per connection (Connection.expectedCn).
 */
export type CommonNameRule = { kind: "pattern"; template: string } | { kind: "given-by-thales" };

/** Validity of the client certificate: set at issuing (Thales signs) or the maximum allowed (self-signed). */
export type ValidityRule = { issuedYears: number } | { maxYears: number };

/** One row of the program table. */
export type ProgramEntry = {
  label: string;
  /** The family name used in sentences ("TSH pins…", "Thales issues D1 client certificates…"). */
  shortName: string;
  /** What Thales calls the identifier of this program. */
  identifierName: string;
  clientCredential: ClientCredential;
  allowedKeys: readonly AllowedKey[];
  /** Keys accepted but not preferred. */
  discouragedKeys: readonly KeySpec[];
  /** Keys refused with their own finding code (instead of KEY_NOT_ALLOWED). */
  refusedKeys: readonly { key: KeySpec; code: FindingCode }[];
  /** The openssl command that makes an acceptable key, for hints. */
  newKeyCommand: string;
  signatureHash: "SHA-256";
  commonName: CommonNameRule;
  /** DN attributes the reference page asks for besides CN. */
  expectedDnAttributes: readonly string[];
  clientCertificateValidity: ValidityRule;
  /** Human-readable list of the rules, for the UI. */
  summary: readonly string[];
};

export type ProgramRules = ProgramEntry & {
  program: Program;
  /** Asset kinds a customer uploads for this program, from the credential type. */
  customerAssets: AssetCheckKind[];
};

const CREDENTIAL_ASSET: Record<ClientCredential, AssetCheckKind> = {
  "csr-signed-by-thales": "csr",
  "self-signed-certificate": "client-certificate",
};

/**
 * Whether a customer asset is a program's client credential (a CSR Thales signs, a self-signed client certificate),
 * as opposed to the server chain and trust store every program takes.
 */
export const isClientCredentialAsset = (asset: AssetCheckKind): boolean =>
  Object.values(CREDENTIAL_ASSET).includes(asset);

/** The rules of one program, as data. */
export function programRules(program: Program): ProgramRules {
  const entry: ProgramEntry = PROGRAM_TABLE[program];
  return {
    ...entry,
    program,
    customerAssets: [CREDENTIAL_ASSET[entry.clientCredential], "server-chain", "trust-store"],
  };
}

/** Whether Thales signs this program's client certificates (from a CSR). */
export const thalesIssues = (program: Program): boolean =>
  programRules(program).clientCredential === "csr-signed-by-thales";

/** Whether Thales sets the CN of this program's client credential per connection. */
export const cnGivenByThales = (program: Program): boolean =>
  programRules(program).commonName.kind === "given-by-thales";

/** The longest validity a self-signed client certificate may have, in days (-days for openssl), if limited. */
export function maxValidityDays(program: Program): number | undefined {
  const validity = programRules(program).clientCertificateValidity;
  return "maxYears" in validity ? validity.maxYears * 365 : undefined;
}

export const isProgram = (v: unknown): v is Program =>
  typeof v === "string" && (PROGRAMS as readonly string[]).includes(v);
export const isEnvironment = (v: unknown): v is Environment =>
  typeof v === "string" && (ENVIRONMENTS as readonly string[]).includes(v);
export const isAssetCheckKind = (v: unknown): v is AssetCheckKind =>
  typeof v === "string" && (ASSET_CHECK_KINDS as readonly string[]).includes(v);
