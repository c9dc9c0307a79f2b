-- 0023_search_covering_index (PostgreSQL): search reads versions newest first and tests their serial, fingerprint, subject
-- and connection (lib/server/search/search-versions.ts). Without this index each search read every version row,
-- whose stored PEM, report and findings make it kilobytes long: ~40 ms on SQLite at 11,000 versions, whatever
-- was typed. The index holds what the test needs, so a search walks it alone and reads only the rows it shows.
-- The subject is searched on its first 500 characters (lib/assets/search.ts SUBJECT_SEARCH_MAX): a PostgreSQL index
-- entry must stay under ~2.7 kB, so no row may hold more before the index is built (same rule on both providers).
UPDATE "AssetVersion" SET "subjectSearch" = substr("subjectSearch", 1, 500) WHERE length("subjectSearch") > 500;
CREATE INDEX "AssetVersion_search_covering_idx" ON "AssetVersion"("createdAt", "id", "assetId", "organizationId", "subjectSearch", "serialHex", "sha256");
