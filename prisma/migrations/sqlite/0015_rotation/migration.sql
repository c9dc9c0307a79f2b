-- 0015_rotation (SQLite): renewal with overlap. The customer's chosen cut-over, and when a RETIRING version leaves.
ALTER TABLE "AssetVersion" ADD COLUMN "cutOverAt" DATETIME;
ALTER TABLE "AssetVersion" ADD COLUMN "retireAt" DATETIME;
CREATE INDEX "AssetVersion_state_retireAt_idx" ON "AssetVersion"("state", "retireAt");
