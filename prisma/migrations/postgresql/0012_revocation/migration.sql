-- 0012_revocation (PostgreSQL): client certificate revocations and the stored CRL per CA.
CREATE TABLE "Revocation" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "caId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedById" TEXT,
    "requestedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "revokedAt" TIMESTAMP(3),
    CONSTRAINT "Revocation_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Revocation_versionId_key" ON "Revocation"("versionId");
CREATE INDEX "Revocation_caId_revokedAt_idx" ON "Revocation"("caId", "revokedAt");

CREATE TABLE "CertificateRevocationList" (
    "caId" TEXT NOT NULL,
    "crlNumber" INTEGER NOT NULL,
    "der" BYTEA NOT NULL,
    "pem" TEXT NOT NULL,
    "thisUpdate" TIMESTAMP(3) NOT NULL,
    "nextUpdate" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "CertificateRevocationList_pkey" PRIMARY KEY ("caId")
);
