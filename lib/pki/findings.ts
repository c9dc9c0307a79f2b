/** Findings are data: the UI, the REST API and the CLI all explain the same thing the same way. */
import { FINDINGS, type FindingCode, type FindingSeverity } from "./finding-catalogue";

export type Severity = FindingSeverity;
export type { FindingCode };

export type Finding = {
  severity: Severity;
  /** UPPER_SNAKE, stable, one entry of the catalogue (lib/pki/finding-catalogue): UI and API clients key on it. */
  code: FindingCode;
  message: string;
  /** How to fix it, ideally something to copy and run. */
  hint?: string;
};

/**
 * A finding with its catalogue title, as the UI lists it. Findings are data: the server resolves the title
 * (`withTitles`) and a client component receives it with the finding, so the catalogue never ships to the browser.
 */
export type TitledFinding = Finding & { title: string };

/** `findings` with their catalogue titles, for a component that lists them (components/findings-list.tsx). */
export function withTitles(findings: readonly Finding[]): TitledFinding[] {
  return findings.map((f) => ({ ...f, title: FINDINGS[f.code].title }));
}

/** What the catalogue says of `code` in a list (code, severity, title): a client adds the message and the hint. */
export function findingHeading(code: FindingCode): Omit<TitledFinding, "message" | "hint"> {
  return { code, severity: FINDINGS[code].severity, title: FINDINGS[code].title };
}

/** The codes whose catalogue severity is `S`. */
type CodeOf<S extends Severity> = {
  [C in FindingCode]: (typeof FINDINGS)[C]["severity"] extends S ? C : never;
}[FindingCode];

/**
 * A finding of `code`, with the severity the catalogue gives it. `message` says what is wrong with this input;
 * `hint` the exact fix for it (the catalogue's `fix` is the general one, shown in docs/findings.md).
 */
export function finding(code: FindingCode, message: string, hint?: string): Finding {
  const severity = FINDINGS[code].severity;
  return hint === undefined ? { severity, code, message } : { severity, code, message, hint };
}

// Named by severity so a call site reads as what it is; the type only admits codes of that severity.
export const error = (code: CodeOf<"error">, message: string, hint?: string): Finding => finding(code, message, hint);
export const warning = (code: CodeOf<"warning">, message: string, hint?: string): Finding =>
  finding(code, message, hint);
export const info = (code: CodeOf<"info">, message: string, hint?: string): Finding => finding(code, message, hint);

/** True when any finding rejects the input. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then info; stable within a severity. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
}
