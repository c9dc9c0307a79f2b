-- 0023_search_covering_index (SQLite): search reads versions newest first and tests their serial, fingerprint, subject
-- and connection (lib/server/search/search-versions.ts). Without this index each search read every version row,
-- whose stored PEM, report and findings make it kilobytes long: ~40 ms on SQLite at 11,000 versions, whatever
-- was typed. The index holds what the test needs, so a search walks it alone and reads only the rows it shows.
CREATE INDEX "AssetVersion_search_covering_idx" ON "AssetVersion"("createdAt", "id", "assetId", "organizationId", "subjectSearch", "serialHex", "sha256");
