/** Findings are data: the UI, the REST API and the CLI all explain the same thing the same way. */
export type Severity = "error" | "warning" | "info";

export type Finding = {
  severity: Severity;
  /** UPPER_SNAKE, stable: the UI and API clients key on it. */
  code: string;
  message: string;
  /** How to fix it, ideally something to copy and run. */
  hint?: string;
};

export const error = (code: string, message: string, hint?: string): Finding =>
  hint === undefined ? { severity: "error", code, message } : { severity: "error", code, message, hint };
export const warning = (code: string, message: string, hint?: string): Finding =>
  hint === undefined ? { severity: "warning", code, message } : { severity: "warning", code, message, hint };
export const info = (code: string, message: string, hint?: string): Finding =>
  hint === undefined ? { severity: "info", code, message } : { severity: "info", code, message, hint };

/** True when any finding rejects the input. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then info; stable within a severity. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
}
