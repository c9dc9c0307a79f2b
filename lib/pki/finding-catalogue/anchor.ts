import type { FindingCode } from "./index";

/**
 * The anchor of a code in docs/findings.md and on the portal's findings page. Its own module, without the
 * catalogue's entries, so the browser can link a finding to its entry without loading the catalogue.
 */
export const findingAnchor = (code: FindingCode): string => code.toLowerCase();
