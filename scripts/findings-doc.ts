/** Writes docs/findings.md from the finding catalogue. Run: npm run docs:findings */
import { writeFileSync } from "node:fs";
import { renderFindingsDoc } from "../lib/pki/findings-doc";

writeFileSync(new URL("../docs/findings.md", import.meta.url), renderFindingsDoc());
console.log("docs/findings.md written");
