-- 0019_ca_change_notice (SQLite): a customer's announced server CA change, linking the versions it brings.
CREATE TABLE "CaChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "changeAt" DATETIME NOT NULL,
    "retireAt" DATETIME NOT NULL,
    "versionIds" TEXT NOT NULL,
    "declaredById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "CaChange_organizationId_changeAt_idx" ON "CaChange"("organizationId", "changeAt");
CREATE INDEX "CaChange_changeAt_idx" ON "CaChange"("changeAt");
