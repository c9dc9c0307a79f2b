-- 0021_search (PostgreSQL): search by serial, SHA-256 fingerprint and subject (issue 15, lib/assets/search.ts).
-- Each version keeps its first certificate's serial and its subject in columns of their own, so a search is an
-- index lookup (serial, fingerprint) or one LIKE over a short column, never a parse of every stored report.
ALTER TABLE "AssetVersion" ADD COLUMN "serialHex" TEXT;
ALTER TABLE "AssetVersion" ADD COLUMN "subjectSearch" TEXT;
-- Versions stored before this migration: filled from their stored reports by the same code as new ones.
-- portal:data-step fill-search-columns
CREATE INDEX "AssetVersion_serialHex_idx" ON "AssetVersion"("serialHex");
CREATE INDEX "AssetVersion_sha256_idx" ON "AssetVersion"("sha256");
