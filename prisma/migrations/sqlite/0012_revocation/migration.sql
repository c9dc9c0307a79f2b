-- 0012_revocation (SQLite): client certificate revocations and the stored CRL per CA.
CREATE TABLE "Revocation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "caId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedById" TEXT,
    "requestedAt" DATETIME,
    "revokedById" TEXT,
    "revokedAt" DATETIME
);
CREATE UNIQUE INDEX "Revocation_versionId_key" ON "Revocation"("versionId");
CREATE INDEX "Revocation_caId_revokedAt_idx" ON "Revocation"("caId", "revokedAt");

CREATE TABLE "CertificateRevocationList" (
    "caId" TEXT NOT NULL PRIMARY KEY,
    "crlNumber" INTEGER NOT NULL,
    "der" BLOB NOT NULL,
    "pem" TEXT NOT NULL,
    "thisUpdate" DATETIME NOT NULL,
    "nextUpdate" DATETIME NOT NULL
);
