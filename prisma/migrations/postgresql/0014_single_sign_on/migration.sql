-- 0014_single_sign_on (PostgreSQL): OpenID Connect sign-in per organization, e-mail domains bound to organizations,
-- sessions say how they were opened and whether a second factor is still owed.
ALTER TABLE "Organization" ADD COLUMN "passwordLogin" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "User" ADD COLUMN "ssoProvider" TEXT;
ALTER TABLE "User" ADD COLUMN "ssoSubject" TEXT;
ALTER TABLE "User" ADD COLUMN "ssoPendingRole" TEXT;
CREATE UNIQUE INDEX "User_ssoProvider_ssoSubject_key" ON "User"("ssoProvider", "ssoSubject");

CREATE TABLE "OrganizationDomain" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OrganizationDomain_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "OrganizationDomain_domain_key" ON "OrganizationDomain"("domain");
CREATE INDEX "OrganizationDomain_organizationId_idx" ON "OrganizationDomain"("organizationId");
ALTER TABLE "OrganizationDomain" ADD CONSTRAINT "OrganizationDomain_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Session" ADD COLUMN "ssoProvider" TEXT;
ALTER TABLE "Session" ADD COLUMN "idpSecondFactor" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Session" ADD COLUMN "secondFactorOwed" BOOLEAN NOT NULL DEFAULT false;
