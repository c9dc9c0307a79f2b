/** docs/findings.md, generated from the finding catalogue (`npm run docs:findings`; a unit test fails when stale). */
import { FINDING_AREAS, findingAnchor, type FindingCode, type FindingSpec } from "./finding-catalogue";

const SEVERITY = { error: "error (rejects the upload)", warning: "warning (needs a confirmation)", info: "info" };

/** The whole Markdown document, one section per area and one anchored entry per code. */
export function renderFindingsDoc(): string {
  const out = [
    "# Findings",
    "",
    "<!-- Generated from lib/pki/finding-catalogue by `npm run docs:findings`. Do not edit by hand. -->",
    "",
    "Every code the portal, the REST API and `portal-check` can report. A finding's own message says what is wrong",
    "with the file at hand and its hint how to fix it; for a CSR or self-signed client certificate the report adds one",
    "corrected openssl command that fixes every finding at once. This page says what each code means in general.",
    "",
  ];
  for (const area of FINDING_AREAS) {
    out.push(`## ${area.title}`, "");
    for (const [code, spec] of Object.entries(area.codes) as [FindingCode, FindingSpec][]) {
      out.push(
        `<a id="${findingAnchor(code)}"></a>`,
        `### ${code}`,
        "",
        `**${spec.title}** — ${SEVERITY[spec.severity]}.`,
        "",
        `- Means: ${spec.meaning}`,
        `- Fix: ${spec.fix}`,
        `- Rule: ${spec.source}`,
        "",
      );
    }
  }
  return out.join("\n");
}
