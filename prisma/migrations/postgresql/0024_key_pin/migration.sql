-- 0024_key_pin (PostgreSQL): the pin of the key each version carries (its CSR's, else its leaf certificate's), so
-- ENVIRONMENT_MIXUP finds a sibling environment's version holding an upload's key by an index seek. Before, every
-- upload read and parsed every stored report of the same kind on the identifier's other environments: a history
-- of thousands of versions cost each upload milliseconds more (issue 16).
ALTER TABLE "AssetVersion" ADD COLUMN "keyPin" TEXT;
-- Versions stored before this migration: filled from their stored reports by the same code as new ones.
-- portal:data-step fill-key-pins
-- By asset first: the check reaches the sibling asset through its connection, then seeks the pin in it.
CREATE INDEX "AssetVersion_assetId_keyPin_idx" ON "AssetVersion"("assetId", "keyPin");
