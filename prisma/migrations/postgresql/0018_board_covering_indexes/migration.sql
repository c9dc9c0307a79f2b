-- 0018_board_covering_indexes (PostgreSQL): the board and the expiring view at 10,000 assets (issue 16).
-- The board reads each asset's versions by (assetId, seq) and only their state, notAfter, id and retireAt; with
-- every one of them in the index it never reads the version rows, whose PEM/report/findings (kilobytes, stored
-- before notAfter, often on overflow pages) made each row expensive.
CREATE INDEX "AssetVersion_assetId_seq_state_notAfter_id_retireAt_idx" ON "AssetVersion"("assetId", "seq", "state", "notAfter", "id", "retireAt");
-- The expiring view: versions in force by how soon they expire.
CREATE INDEX "AssetVersion_state_notAfter_idx" ON "AssetVersion"("state", "notAfter");
