-- 0020_campaigns (SQLite): Thales rotation campaigns, each linked to the publication request it created.
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "program" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "publicationRequestId" TEXT NOT NULL,
    "cutOverAt" DATETIME NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Campaign_publicationRequestId_fkey" FOREIGN KEY ("publicationRequestId") REFERENCES "PublicationRequest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Campaign_publicationRequestId_key" ON "Campaign"("publicationRequestId");
CREATE INDEX "Campaign_createdAt_idx" ON "Campaign"("createdAt");
