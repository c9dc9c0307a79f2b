-- 0013_separation_of_duties (PostgreSQL): staff-role grants approved by a second admin, and publication
-- requests approved by a second staff member before Production trust changes (docs/decisions/010).
-- Existing accounts keep acting: their grant columns stay null (granted before the rule existed).
ALTER TABLE "User" ADD COLUMN "grantPending" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "User" ADD COLUMN "roleGrantedById" TEXT;
ALTER TABLE "User" ADD COLUMN "roleGrantApprovedById" TEXT;

CREATE TABLE "StaffGrant" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "previousRole" TEXT,
    "state" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StaffGrant_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "StaffGrant_state_createdAt_idx" ON "StaffGrant"("state", "createdAt");
CREATE INDEX "StaffGrant_userId_idx" ON "StaffGrant"("userId");
ALTER TABLE "StaffGrant" ADD CONSTRAINT "StaffGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "PublicationRequest" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "normalizedPem" TEXT,
    "host" TEXT,
    "port" INTEGER,
    "basePath" TEXT,
    "sha256" TEXT NOT NULL,
    "report" TEXT NOT NULL,
    "findings" TEXT NOT NULL,
    "notAfter" TIMESTAMP(3),
    "originalSha256" TEXT,
    "originalSize" INTEGER,
    "originalFilename" TEXT,
    "cutOverAt" TIMESTAMP(3),
    "requestedById" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PublicationRequest_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "PublicationRequest_state_createdAt_idx" ON "PublicationRequest"("state", "createdAt");

CREATE TABLE "PublicationTarget" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "versionId" TEXT,
    CONSTRAINT "PublicationTarget_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "PublicationTarget_requestId_connectionId_key" ON "PublicationTarget"("requestId", "connectionId");
CREATE INDEX "PublicationTarget_connectionId_idx" ON "PublicationTarget"("connectionId");
ALTER TABLE "PublicationTarget" ADD CONSTRAINT "PublicationTarget_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PublicationRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
