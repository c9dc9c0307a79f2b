/**
 * The search box's rules (issue 15), pure: how a version is indexed (serialHex, subjectSearch columns, filled
 * on every write and by migration 0021 for older rows) and how a query is read, so the two always agree.
 */

/** Results per page (page and REST API) and at most this many rows in a CSV export. */
export const SEARCH_PAGE_SIZE = 50;
export const SEARCH_EXPORT_CAP = 1000;
export const SEARCH_QUERY_MAX = 200;

/** A serial as stored: upper-case hex, no separators, no leading zeros ("0" stays "0"). */
export function normalizeSerial(hex: string): string {
  return hex
    .replace(/[\s:]/g, "")
    .toUpperCase()
    .replace(/^0+(?=.)/, "");
}

/** What the subject search matches: the subject DN lower-cased (CN, O, … as RFC 4514 text). */
export function subjectSearchText(subject: string | undefined | null): string | null {
  return subject ? subject.toLowerCase() : null;
}

export type SearchTerms = {
  /** A SHA-256 fingerprint (64 hex digits, colons allowed), lower-case. */
  fingerprint?: string;
  /** Hex of up to 20 bytes (RFC 5280 serials), colons allowed, normalized as stored. */
  serial?: string;
  /** Free text for subject and identifier, lower-case, without LIKE wildcards; absent under 2 characters. */
  text?: string;
};

/** Reads what a person typed: every interpretation that fits is searched at once. Null: nothing to search. */
export function parseSearchQuery(raw: string): SearchTerms | null {
  const q = raw.trim().slice(0, SEARCH_QUERY_MAX);
  if (!q) return null;
  const compact = q.replace(/[\s:]/g, "");
  const hex = /^[0-9a-fA-F]+$/.test(compact);
  const terms: SearchTerms = {};
  if (hex && compact.length === 64) terms.fingerprint = compact.toLowerCase();
  if (hex && compact.length <= 40) terms.serial = normalizeSerial(compact);
  // % and _ would be wildcards in the LIKE the text becomes; a subject or identifier search never needs them.
  const text = q.toLowerCase().replace(/[%_\\]/g, "");
  if (text.length >= 2) terms.text = text;
  return terms.fingerprint || terms.serial || terms.text ? terms : null;
}
