-- 0007_sessions (PostgreSQL): server-side sessions, so sign-out and "sign out everywhere" end a session at once.
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Session_userId_endedAt_idx" ON "Session"("userId", "endedAt");
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Throttle buckets: the row each sign-in attempt locks while it counts and records itself.
CREATE TABLE "ThrottleBucket" (
    "bucket" TEXT NOT NULL,
    "lastAttemptAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "ThrottleBucket_pkey" PRIMARY KEY ("bucket")
);
CREATE INDEX "ThrottleBucket_lastAttemptAt_idx" ON "ThrottleBucket"("lastAttemptAt");
