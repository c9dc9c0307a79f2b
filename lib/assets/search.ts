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

/**
 * How much of a subject the search reads: its index (migration 0023) holds the column, and a PostgreSQL index entry
 * must stay under ~2.7 kB; 500 characters is 2 kB at most in UTF-8, and longer than any subject seen in practice.
 */
export const SUBJECT_SEARCH_MAX = 500;

/** What the subject search matches: the subject DN lower-cased (CN, O, … as RFC 4514 text), its first 500 characters. */
export function subjectSearchText(subject: string | undefined | null): string | null {
  return subject ? subject.toLowerCase().slice(0, SUBJECT_SEARCH_MAX) : null;
}

export type SearchTerms = {
  /** A SHA-256 fingerprint (64 hex digits, colons allowed), lower-case. */
  fingerprint?: string;
  /** Hex of up to 20 bytes (RFC 5280 serials), colons allowed, normalized as stored. */
  serial?: string;
  /** Free text for subject and identifier, lower-case, matched as typed (`%` and `_` too); absent under 2 characters or without a letter or digit. */
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
  // Matched literally (the query escapes LIKE's wildcards): identifiers may hold "_". Punctuation alone finds nothing.
  const text = q.toLowerCase();
  if (text.length >= 2 && /[\p{L}\p{N}]/u.test(text)) terms.text = text;
  return terms.fingerprint || terms.serial || terms.text ? terms : null;
}
