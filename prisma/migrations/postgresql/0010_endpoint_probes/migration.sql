-- 0010_endpoint_probes (PostgreSQL): endpoint checks with history, and the per-connection probe rate limit.
CREATE TABLE "EndpointProbe" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "verdict" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "actorId" TEXT,
    "result" TEXT NOT NULL,
    CONSTRAINT "EndpointProbe_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "EndpointProbe_connectionId_createdAt_idx" ON "EndpointProbe"("connectionId", "createdAt");
CREATE TABLE "ProbeThrottle" (
    "connectionId" TEXT NOT NULL,
    "lastStartedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "ProbeThrottle_pkey" PRIMARY KEY ("connectionId")
);
