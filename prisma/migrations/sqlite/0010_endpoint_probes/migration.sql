-- 0010_endpoint_probes (SQLite): endpoint checks with history, and the per-connection probe rate limit.
CREATE TABLE "EndpointProbe" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "connectionId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "verdict" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "actorId" TEXT,
    "result" TEXT NOT NULL
);
CREATE INDEX "EndpointProbe_connectionId_createdAt_idx" ON "EndpointProbe"("connectionId", "createdAt");
CREATE TABLE "ProbeThrottle" (
    "connectionId" TEXT NOT NULL PRIMARY KEY,
    "lastStartedAt" DATETIME NOT NULL
);
