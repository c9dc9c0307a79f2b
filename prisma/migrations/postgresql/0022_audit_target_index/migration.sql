-- 0022_audit_target_index (PostgreSQL): an object's history by its target (issue 16). GET /api/v1/assets/{id}
-- (lib/server/assets/get-asset.ts), a declined revocation's reason and a campaign's acknowledgements read audit
-- events by (targetType, targetId); without this index each of them scanned the whole, ever-growing audit log.
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");
