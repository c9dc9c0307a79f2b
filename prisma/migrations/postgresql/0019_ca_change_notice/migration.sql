-- 0019_ca_change_notice (PostgreSQL): a customer's announced server CA change, linking the versions it brings.
CREATE TABLE "CaChange" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "changeAt" TIMESTAMP(3) NOT NULL,
    "retireAt" TIMESTAMP(3) NOT NULL,
    "versionIds" TEXT NOT NULL,
    "declaredById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaChange_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "CaChange_organizationId_changeAt_idx" ON "CaChange"("organizationId", "changeAt");
CREATE INDEX "CaChange_changeAt_idx" ON "CaChange"("changeAt");
