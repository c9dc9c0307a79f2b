-- 0002_assets (PostgreSQL): identifiers, connections, assets, immutable versions, reviews, the signing CA.
CREATE TABLE "Identifier" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "program" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Identifier_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Identifier_program_value_key" ON "Identifier"("program", "value");
CREATE INDEX "Identifier_organizationId_idx" ON "Identifier"("organizationId");
ALTER TABLE "Identifier" ADD CONSTRAINT "Identifier_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "Connection" (
    "id" TEXT NOT NULL,
    "identifierId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "expectedCn" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Connection_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Connection_identifierId_environment_key" ON "Connection"("identifierId", "environment");
CREATE INDEX "Connection_organizationId_idx" ON "Connection"("organizationId");
ALTER TABLE "Connection" ADD CONSTRAINT "Connection_identifierId_fkey" FOREIGN KEY ("identifierId") REFERENCES "Identifier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "Asset" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "currentVersionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Asset_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Asset_connectionId_kind_key" ON "Asset"("connectionId", "kind");
CREATE INDEX "Asset_organizationId_idx" ON "Asset"("organizationId");
ALTER TABLE "Asset" ADD CONSTRAINT "Asset_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "AssetVersion" (
    "id" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "stateChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "originalBytes" BYTEA,
    "originalFilename" TEXT,
    "normalizedPem" TEXT,
    "host" TEXT,
    "port" INTEGER,
    "basePath" TEXT,
    "sha256" TEXT NOT NULL,
    "report" TEXT NOT NULL,
    "findings" TEXT NOT NULL,
    "notAfter" TIMESTAMP(3),
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rejectionReason" TEXT,
    "issuedFromVersionId" TEXT,
    CONSTRAINT "AssetVersion_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "AssetVersion_assetId_seq_key" ON "AssetVersion"("assetId", "seq");
CREATE INDEX "AssetVersion_organizationId_state_idx" ON "AssetVersion"("organizationId", "state");
CREATE INDEX "AssetVersion_state_createdAt_idx" ON "AssetVersion"("state", "createdAt");
ALTER TABLE "AssetVersion" ADD CONSTRAINT "AssetVersion_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AssetVersion" ADD CONSTRAINT "AssetVersion_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Review_versionId_reviewerId_key" ON "Review"("versionId", "reviewerId");
ALTER TABLE "Review" ADD CONSTRAINT "Review_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "AssetVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Review" ADD CONSTRAINT "Review_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "CertificateAuthority" (
    "id" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "certificatePem" TEXT NOT NULL,
    "encryptedKey" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CertificateAuthority_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "CertificateAuthority_slot_key" ON "CertificateAuthority"("slot");
