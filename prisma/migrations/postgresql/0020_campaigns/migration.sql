-- 0020_campaigns (PostgreSQL): Thales rotation campaigns, each linked to the publication request it created.
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "program" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "publicationRequestId" TEXT NOT NULL,
    "cutOverAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Campaign_publicationRequestId_key" ON "Campaign"("publicationRequestId");
CREATE INDEX "Campaign_createdAt_idx" ON "Campaign"("createdAt");
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_publicationRequestId_fkey" FOREIGN KEY ("publicationRequestId") REFERENCES "PublicationRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
