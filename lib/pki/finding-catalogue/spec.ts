/** One entry of the finding catalogue: everything the UI, the API, the CLI and docs/findings.md say about a code. */
export type FindingSeverity = "error" | "warning" | "info";

export type FindingSpec = {
  /** error rejects the upload, warning needs a confirmation, info is a note. */
  severity: FindingSeverity;
  /** One line, for lists and the docs index. */
  title: string;
  /** What it means and why it matters. */
  meaning: string;
  /** How to fix it in general (a client credential's report adds one corrected command for the file at hand). */
  fix: string;
  /** The rule it enforces: an RFC section, a Thales reference page, or portal policy. */
  source: string;
};
