-- 0007_sessions (SQLite): server-side sessions, so sign-out and "sign out everywhere" end a session at once.
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    "endReason" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "Session_userId_endedAt_idx" ON "Session"("userId", "endedAt");

-- Throttle buckets: the row each sign-in attempt locks while it counts and records itself.
CREATE TABLE "ThrottleBucket" (
    "bucket" TEXT NOT NULL PRIMARY KEY,
    "lastAttemptAt" DATETIME NOT NULL
);
CREATE INDEX "ThrottleBucket_lastAttemptAt_idx" ON "ThrottleBucket"("lastAttemptAt");
