/**
 * The finding catalogue: every code the portal can report, with its severity, title, meaning, fix and source
 * rule. Code builds findings only through `finding()` (lib/pki/findings.ts), so the UI, the API, the CLI and
 * docs/findings.md (generated from this table) always agree. Add a code to the area file it belongs to.
 */
import { CERTIFICATE_FINDINGS } from "./certificate";
import { CHAIN_FINDINGS } from "./chain";
import { CLIENT_CREDENTIAL_FINDINGS } from "./client-credential";
import { ENDPOINT_FINDINGS } from "./endpoint";
import { INPUT_FINDINGS } from "./input";
import { ISSUING_FINDINGS } from "./issuing";
import { PATH_FINDINGS } from "./path";
import { PROBE_FINDINGS } from "./probe";
import { CROSS_CHECK_FINDINGS } from "./cross-check";
import type { FindingSpec } from "./spec";

export type { FindingSeverity, FindingSpec } from "./spec";
export { findingAnchor } from "./anchor";

/** The areas, in the order docs/findings.md lists them. */
export const FINDING_AREAS = [
  { title: "The upload", codes: INPUT_FINDINGS },
  { title: "One certificate", codes: CERTIFICATE_FINDINGS },
  { title: "Server chains and trust stores", codes: CHAIN_FINDINGS },
  { title: "Path validation, name constraints and host names", codes: PATH_FINDINGS },
  { title: "Client credential (program rules)", codes: CLIENT_CREDENTIAL_FINDINGS },
  { title: "Thales CA, issuing and attaching", codes: ISSUING_FINDINGS },
  { title: "Endpoints and publications", codes: ENDPOINT_FINDINGS },
  { title: "Cross-checks between assets", codes: CROSS_CHECK_FINDINGS },
  { title: "Endpoint check (on the wire)", codes: PROBE_FINDINGS },
] as const;

export const FINDINGS = {
  ...INPUT_FINDINGS,
  ...CERTIFICATE_FINDINGS,
  ...CHAIN_FINDINGS,
  ...PATH_FINDINGS,
  ...CLIENT_CREDENTIAL_FINDINGS,
  ...ISSUING_FINDINGS,
  ...ENDPOINT_FINDINGS,
  ...CROSS_CHECK_FINDINGS,
  ...PROBE_FINDINGS,
} as const satisfies Record<string, FindingSpec>;

/** Every finding code, as a type: a code not in the catalogue does not compile. */
export type FindingCode = keyof typeof FINDINGS;

export const FINDING_CODES = Object.keys(FINDINGS) as FindingCode[];

export const isFindingCode = (v: unknown): v is FindingCode => typeof v === "string" && Object.hasOwn(FINDINGS, v);
