-- 0015_rotation (PostgreSQL): renewal with overlap. The customer's chosen cut-over, and when a RETIRING version leaves.
ALTER TABLE "AssetVersion" ADD COLUMN "cutOverAt" TIMESTAMP(3);
ALTER TABLE "AssetVersion" ADD COLUMN "retireAt" TIMESTAMP(3);
CREATE INDEX "AssetVersion_state_retireAt_idx" ON "AssetVersion"("state", "retireAt");
