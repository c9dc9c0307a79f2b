import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { test, expect, signIn, USERS } from "../support/fixtures";
import { fingerprint, query } from "../support/db";
import { apiToken } from "../api/support";
import { Workdir } from "../support/pki";

/**
 * The tenant-isolation matrix (issue 6): every route handler, page and server action found in the code ×
 * caller (anonymous, Acme customer = owner, Acme read-only viewer, Globex customer = foreign, delivery, admin).
 * Each cell states the expected status; every refused call must also leave the database exactly as it was
 * (fingerprint of every row, audit trail included). A route, page or action the tables below do not name fails
 * the test, so a new one cannot be forgotten.
 *
 * The viewer (Customer (read-only), issue 15) is Acme's own reader: where a row gives no `viewer` cell it must
 * get exactly what Acme gets, and every row where Acme may change something names the viewer's own answer
 * (checked below), so a new write route cannot silently let it through.
 */
const APP = path.resolve(import.meta.dirname, "../../app");
/** A CA certificate for the campaign rows (never put in force: the matrix's campaign is a pending Production one). */
let matrixCa = "";
type Caller = "anonymous" | "acme" | "viewer" | "globex" | "delivery" | "admin";
const CALLERS: Caller[] = ["anonymous", "acme", "viewer", "globex", "delivery", "admin"];
type Expect = Record<Exclude<Caller, "viewer">, number> & { viewer?: number };
const expected = (cells: Expect, caller: Caller): number =>
  caller === "viewer" ? (cells.viewer ?? cells.acme) : cells[caller];
type Ids = {
  connection: string;
  submitted: string;
  published: string;
  asset: string;
  acmeUser: string;
  acmeToken: string;
  publication: string;
  campaign: string;
  grant: string;
};

function walk(dir: string, file: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return walk(full, file);
    return name === file
      ? [
          path
            .relative(APP, path.dirname(full))
            .split(path.sep)
            .filter((s) => !/^\(.*\)$/.test(s))
            .join("/"),
        ]
      : [];
  });
}

// ── Pages: expected status per caller (307 = redirect to sign-in or elsewhere) ───────────────────────────
const PAGES: Record<string, { url: (ids: Ids) => string; expect: Expect }> = {
  "": { url: () => "/", expect: { anonymous: 307, acme: 200, globex: 200, delivery: 200, admin: 200 } },
  login: { url: () => "/login", expect: { anonymous: 200, acme: 307, globex: 307, delivery: 307, admin: 307 } },
  // Only a single sign-on that still owes its TOTP code sees it (e2e/ops/single-sign-on.spec.ts); everyone else is sent away.
  "login/second-factor": {
    url: () => "/login/second-factor",
    expect: { anonymous: 307, acme: 307, globex: 307, delivery: 307, admin: 307 },
  },
  "account/password": {
    url: () => "/account/password",
    expect: { anonymous: 307, acme: 200, globex: 200, delivery: 200, admin: 200 },
  },
  "account/mfa": {
    url: () => "/account/mfa",
    expect: { anonymous: 307, acme: 200, globex: 200, delivery: 200, admin: 200 },
  },
  "account/sessions": {
    url: () => "/account/sessions",
    expect: { anonymous: 307, acme: 200, globex: 200, delivery: 200, admin: 200 },
  },
  "admin/users": {
    url: () => "/admin/users",
    expect: { anonymous: 307, acme: 403, globex: 403, delivery: 403, admin: 200 },
  },
  "admin/organizations": {
    url: () => "/admin/organizations",
    expect: { anonymous: 307, acme: 403, globex: 403, delivery: 403, admin: 200 },
  },
  audit: { url: () => "/audit", expect: { anonymous: 307, acme: 403, globex: 403, delivery: 200, admin: 200 } },
  ca: { url: () => "/ca", expect: { anonymous: 307, acme: 403, globex: 403, delivery: 200, admin: 200 } },
  review: { url: () => "/review", expect: { anonymous: 307, acme: 403, globex: 403, delivery: 200, admin: 403 } },
  publish: { url: () => "/publish", expect: { anonymous: 307, acme: 403, globex: 403, delivery: 200, admin: 200 } },
  findings: { url: () => "/findings", expect: { anonymous: 307, acme: 200, globex: 200, delivery: 200, admin: 200 } },
  "publish/requests": {
    url: () => "/publish/requests",
    expect: { anonymous: 307, acme: 403, globex: 403, delivery: 200, admin: 200 },
  },
  "publish/requests/[id]": {
    url: (i) => `/publish/requests/${i.publication}`,
    expect: { anonymous: 307, acme: 403, globex: 403, delivery: 200, admin: 200 },
  },
  // Everyone searches what they may read; tenancy is in the results (e2e/search.spec.ts), not in the status.
  search: {
    url: () => "/search?q=ACME01",
    expect: { anonymous: 307, acme: 200, globex: 200, delivery: 200, admin: 200 },
  },
  // Campaigns name many organizations: for a customer they do not exist (404), not just forbidden.
  "publish/campaigns": {
    url: () => "/publish/campaigns",
    expect: { anonymous: 307, acme: 404, globex: 404, delivery: 200, admin: 200 },
  },
  "publish/campaigns/[id]": {
    url: (i) => `/publish/campaigns/${i.campaign}`,
    expect: { anonymous: 307, acme: 404, globex: 404, delivery: 200, admin: 200 },
  },
  "publish/campaigns/new": {
    url: () => "/publish/campaigns/new",
    expect: { anonymous: 307, acme: 404, globex: 404, delivery: 200, admin: 200 },
  },
  tokens: { url: () => "/tokens", expect: { anonymous: 307, acme: 200, globex: 200, delivery: 200, admin: 200 } },
  "connections/[id]": {
    url: (i) => `/connections/${i.connection}`,
    expect: { anonymous: 307, acme: 200, globex: 404, delivery: 200, admin: 200 },
  },
  "connections/[id]/upload/[kind]": {
    url: (i) => `/connections/${i.connection}/upload/ISSUER_HOST`,
    expect: { anonymous: 307, acme: 200, viewer: 403, globex: 404, delivery: 403, admin: 403 },
  },
  notifications: {
    url: () => "/notifications",
    expect: { anonymous: 307, acme: 200, globex: 200, delivery: 200, admin: 200 },
  },
  "notifications/settings": {
    url: () => "/notifications/settings",
    expect: { anonymous: 307, acme: 200, globex: 200, delivery: 200, admin: 200 },
  },
  expiring: { url: () => "/expiring", expect: { anonymous: 307, acme: 403, globex: 403, delivery: 200, admin: 200 } },
  // Everyone signed in sees the list; the service scopes it (a customer sees only its own organization's changes).
  "ca-changes": {
    url: () => "/ca-changes",
    expect: { anonymous: 307, acme: 200, globex: 200, delivery: 200, admin: 200 },
  },
  "connections/[id]/ca-change": {
    url: (i) => `/connections/${i.connection}/ca-change`,
    expect: { anonymous: 307, acme: 200, viewer: 403, globex: 404, delivery: 403, admin: 403 },
  },
  "versions/[id]": {
    url: (i) => `/versions/${i.submitted}`,
    expect: { anonymous: 307, acme: 200, globex: 404, delivery: 200, admin: 200 },
  },
};

// ── Route handlers with a browser session (the REST API is below) ─────────────────────────────────────────
const SESSION_ROUTES: Record<string, { url: (ids: Ids) => string; expect: Expect } | { public: string }> = {
  "api/auth/[...nextauth]": { public: "next-auth's own endpoints (sign-in, CSRF, session): public by design" },
  "api/health/live": { public: "liveness for load balancers: no data, no authentication by design" },
  "api/health/ready": { public: "readiness for load balancers: check names only, no secrets (e2e/ops/health.spec.ts)" },
  "api/metrics": {
    public: "bearer PORTAL_METRICS_TOKEN, not a user credential; 404 while unset (e2e/ops/logs-and-metrics.spec.ts)",
  },
  "crl/[file]": { public: "the CA's certificate revocation list is public by RFC 5280 design" },
  "download/versions/[id]": {
    url: (i) => `/download/versions/${i.published}?format=pem`,
    expect: { anonymous: 401, acme: 200, globex: 404, delivery: 200, admin: 200 },
  },
  "connections/[id]/trust-store.pem": {
    url: (i) => `/connections/${i.connection}/trust-store.pem`,
    expect: { anonymous: 401, acme: 200, globex: 404, delivery: 200, admin: 200 },
  },
  "connections/[id]/trust-store": {
    url: (i) => `/connections/${i.connection}/trust-store?format=p12`,
    expect: { anonymous: 401, acme: 200, globex: 404, delivery: 200, admin: 200 },
  },
  "audit/export.csv": {
    url: () => "/audit/export.csv",
    expect: { anonymous: 401, acme: 403, globex: 403, delivery: 200, admin: 200 },
  },
  "search/export.csv": {
    url: () => "/search/export.csv?q=ACME01",
    expect: { anonymous: 401, acme: 200, globex: 200, delivery: 200, admin: 200 },
  },
  "expiring/export.csv": {
    url: () => "/expiring/export.csv",
    expect: { anonymous: 401, acme: 403, globex: 403, delivery: 200, admin: 200 },
  },
  // Opening someone else's (or no) notification: 404 for everyone; signed out, the link leads to sign-in.
  "notifications/[id]/open": {
    url: (i) => `/notifications/${i.connection}/open`,
    expect: { anonymous: 307, acme: 404, globex: 404, delivery: 404, admin: 404 },
  },
};

// ── REST API: bearer token per caller; a browser session alone must never be enough ───────────────────────
const API: Record<
  string,
  {
    method: "GET" | "POST";
    url: (i: Ids) => string;
    body?: (i: Ids) => unknown;
    expect: Expect;
    mutates?: boolean;
  }[]
> = {
  "api/v1/connections": [
    {
      method: "GET",
      url: () => "/api/v1/connections",
      expect: { anonymous: 401, acme: 200, globex: 200, delivery: 200, admin: 200 },
    },
  ],
  "api/v1/connections/[id]/assets": [
    {
      method: "GET",
      url: (i) => `/api/v1/connections/${i.connection}/assets`,
      expect: { anonymous: 401, acme: 200, globex: 404, delivery: 200, admin: 200 },
    },
    {
      method: "POST",
      mutates: true,
      url: (i) => `/api/v1/connections/${i.connection}/assets`,
      body: () => ({ kind: "ISSUER_HOST", host: "matrix.acme-bank.example", port: 443, acceptWarnings: true }),
      expect: { anonymous: 401, acme: 201, viewer: 403, globex: 404, delivery: 403, admin: 403 },
    },
  ],
  "api/v1/connections/[id]/trust-store.pem": [
    {
      method: "GET",
      url: (i) => `/api/v1/connections/${i.connection}/trust-store.pem`,
      expect: { anonymous: 401, acme: 200, globex: 404, delivery: 200, admin: 200 },
    },
  ],
  "api/v1/connections/[id]/trust-store": [
    {
      method: "GET",
      url: (i) => `/api/v1/connections/${i.connection}/trust-store?format=jks`,
      expect: { anonymous: 401, acme: 200, globex: 404, delivery: 200, admin: 200 },
    },
  ],
  "api/v1/connections/[id]/probe": [
    {
      method: "POST",
      mutates: true,
      url: (i) => `/api/v1/connections/${i.connection}/probe`,
      expect: { anonymous: 401, acme: 200, viewer: 403, globex: 404, delivery: 200, admin: 403 },
    },
  ],
  "api/v1/connections/[id]/probes": [
    {
      method: "GET",
      url: (i) => `/api/v1/connections/${i.connection}/probes`,
      expect: { anonymous: 401, acme: 200, globex: 404, delivery: 200, admin: 200 },
    },
  ],
  "api/v1/assets/[id]": [
    {
      method: "GET",
      url: (i) => `/api/v1/assets/${i.asset}`,
      expect: { anonymous: 401, acme: 200, globex: 404, delivery: 200, admin: 200 },
    },
  ],
  "api/v1/assets/[id]/approve": [
    {
      method: "POST",
      mutates: true,
      url: (i) => `/api/v1/assets/${i.asset}/approve`,
      expect: { anonymous: 401, acme: 403, globex: 403, delivery: 200, admin: 403 },
    },
  ],
  "api/v1/assets/[id]/reject": [
    {
      method: "POST",
      mutates: true,
      url: (i) => `/api/v1/assets/${i.asset}/reject`,
      body: () => ({ reason: "matrix" }),
      expect: { anonymous: 401, acme: 403, globex: 403, delivery: 200, admin: 403 },
    },
  ],
  "api/v1/assets/[id]/issue": [
    {
      method: "POST",
      mutates: true,
      url: (i) => `/api/v1/assets/${i.asset}/issue`,
      expect: { anonymous: 401, acme: 403, globex: 403, delivery: 409, admin: 403 },
    },
  ],
  "api/v1/assets/[id]/download": [
    {
      method: "GET",
      url: (i) => `/api/v1/assets/${i.asset}/download`,
      expect: { anonymous: 401, acme: 200, globex: 404, delivery: 200, admin: 200 },
    },
  ],
  "api/v1/publication-requests": [
    {
      method: "GET",
      url: () => "/api/v1/publication-requests",
      expect: { anonymous: 401, acme: 403, globex: 403, delivery: 200, admin: 200 },
    },
    {
      method: "POST",
      mutates: true,
      url: () => "/api/v1/publication-requests",
      body: (i) => ({
        kind: "D1_INBOUND_HOST",
        connectionIds: [i.connection],
        host: "matrix.d1.example",
        basePath: "/x",
      }),
      expect: { anonymous: 401, acme: 403, globex: 403, delivery: 201, admin: 201 },
    },
  ],
  "api/v1/publication-requests/[id]": [
    {
      method: "GET",
      url: (i) => `/api/v1/publication-requests/${i.publication}`,
      expect: { anonymous: 401, acme: 403, globex: 403, delivery: 200, admin: 200 },
    },
  ],
  // The seeded request is already published: staff get 409 and nothing changes.
  "api/v1/publication-requests/[id]/approve": [
    {
      method: "POST",
      mutates: true,
      url: (i) => `/api/v1/publication-requests/${i.publication}/approve`,
      expect: { anonymous: 401, acme: 403, globex: 403, delivery: 409, admin: 409 },
    },
  ],
  "api/v1/publication-requests/[id]/refuse": [
    {
      method: "POST",
      mutates: true,
      url: (i) => `/api/v1/publication-requests/${i.publication}/refuse`,
      body: () => ({ reason: "matrix" }),
      expect: { anonymous: 401, acme: 403, globex: 403, delivery: 409, admin: 409 },
    },
  ],
  "api/v1/campaigns": [
    {
      method: "GET",
      url: () => "/api/v1/campaigns",
      expect: { anonymous: 401, acme: 404, globex: 404, delivery: 200, admin: 200 },
    },
    {
      method: "POST",
      mutates: true,
      url: () => "/api/v1/campaigns",
      body: () => ({ kind: "THALES_CLIENT_CA", program: "d1", environment: "PRD", content: matrixCa }),
      expect: { anonymous: 401, acme: 404, globex: 404, delivery: 201, admin: 201 },
    },
  ],
  "api/v1/campaigns/[id]": [
    {
      method: "GET",
      url: (i) => `/api/v1/campaigns/${i.campaign}`,
      expect: { anonymous: 401, acme: 404, globex: 404, delivery: 200, admin: 200 },
    },
  ],
  "api/v1/check": [
    {
      method: "POST",
      url: () => "/api/v1/check",
      body: () => ({
        program: "d1",
        environment: "PPR",
        identifier: "ACME01",
        kind: "CUSTOMER_CSR",
        content: "not a csr",
      }),
      expect: { anonymous: 401, acme: 200, globex: 200, delivery: 200, admin: 200 },
    },
  ],
  "api/v1/search": [
    {
      method: "GET",
      url: () => "/api/v1/search?q=ACME01",
      expect: { anonymous: 401, acme: 200, globex: 200, delivery: 200, admin: 200 },
    },
  ],
  "api/v1/openapi.json": [
    {
      method: "GET",
      url: () => "/api/v1/openapi.json",
      expect: { anonymous: 200, acme: 200, globex: 200, delivery: 200, admin: 200 },
    },
  ],
  // An unknown version is a 404 for every caller who may revoke or request it; admins hold neither permission.
  "api/v1/versions/[id]/revoke": [
    {
      method: "POST",
      url: () => "/api/v1/versions/no-such-version/revoke",
      body: () => ({ reason: "keyCompromise" }),
      expect: { anonymous: 401, acme: 404, viewer: 403, globex: 404, delivery: 404, admin: 403 },
    },
  ],
  // The matrix's own version is a host, not a chain: Acme's 422 writes nothing (the success is derive-trust-store.spec.ts).
  "api/v1/versions/[id]/derive-trust-store": [
    {
      method: "POST",
      url: (i) => `/api/v1/versions/${i.submitted}/derive-trust-store`,
      expect: { anonymous: 401, acme: 422, viewer: 403, globex: 404, delivery: 403, admin: 403 },
    },
  ],
  "api/v1/versions/[id]/decline-revocation": [
    {
      method: "POST",
      url: () => "/api/v1/versions/no-such-version/decline-revocation",
      body: () => ({ explanation: "matrix" }),
      expect: { anonymous: 401, acme: 403, globex: 403, delivery: 404, admin: 403 },
    },
  ],
  "api/v1/assets/[id]/withdraw": [
    {
      method: "POST",
      mutates: true,
      url: (i) => `/api/v1/assets/${i.asset}/withdraw`,
      expect: { anonymous: 401, acme: 200, viewer: 403, globex: 404, delivery: 403, admin: 403 },
    },
  ],
  // The matrix's asset is Acme's own upload: nothing published on it to acknowledge (409, nothing written).
  "api/v1/assets/[id]/acknowledge": [
    {
      method: "POST",
      url: (i) => `/api/v1/assets/${i.asset}/acknowledge`,
      expect: { anonymous: 401, acme: 409, viewer: 403, globex: 404, delivery: 403, admin: 403 },
    },
  ],
  "api/v1/ca-changes": [
    {
      method: "GET",
      url: () => "/api/v1/ca-changes",
      expect: { anonymous: 401, acme: 200, globex: 200, delivery: 200, admin: 200 },
    },
  ],
  // A change date inside the notice period: the owner's 422 writes nothing either.
  "api/v1/connections/[id]/ca-changes": [
    {
      method: "POST",
      mutates: true,
      url: (i) => `/api/v1/connections/${i.connection}/ca-changes`,
      body: () => ({
        changeAt: "2000-01-01",
        uploads: [{ kind: "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN", content: "x" }],
      }),
      expect: { anonymous: 401, acme: 422, viewer: 403, globex: 404, delivery: 403, admin: 403 },
    },
  ],
  "api/v1/review-queue": [
    {
      method: "GET",
      url: () => "/api/v1/review-queue",
      expect: { anonymous: 401, acme: 403, globex: 403, delivery: 200, admin: 403 },
    },
  ],
  // Everyone has an inbox of their own; marking read is reading, so the viewer may too. Someone else's (or no)
  // notification is a 404 for every caller.
  "api/v1/notifications": [
    {
      method: "GET",
      url: () => "/api/v1/notifications",
      expect: { anonymous: 401, acme: 200, globex: 200, delivery: 200, admin: 200 },
    },
  ],
  "api/v1/notifications/[id]/read": [
    {
      method: "POST",
      url: (i) => `/api/v1/notifications/${i.connection}/read`,
      expect: { anonymous: 401, acme: 404, globex: 404, delivery: 404, admin: 404 },
    },
  ],
  "api/v1/notifications/read-all": [
    {
      method: "POST",
      url: () => "/api/v1/notifications/read-all",
      expect: { anonymous: 401, acme: 200, globex: 200, delivery: 200, admin: 200 },
    },
  ],
};

/** The new-campaign form's fields: the matrix's CA to Acme's PreProd connection. */
const campaignFields = (i: Ids) => ({
  kind: "THALES_CLIENT_CA",
  program: "d1",
  environment: "PPR",
  scope: "chosen",
  connectionIds: i.connection,
  pasted: matrixCa,
});

// ── Server actions: who must be refused (nothing written); the others are allowed and not run here ─────
const ACTIONS: Record<
  string,
  { page: (i: Ids) => string; fields: (i: Ids) => Record<string, string>; refused: Caller[]; state: boolean }
> = {
  createUserAction: {
    page: () => "/admin/users",
    fields: () => ({ email: "matrix@acme.test", name: "M", role: "CUSTOMER", organizationId: "x" }),
    refused: ["anonymous", "acme", "globex", "delivery"],
    state: true,
  },
  setUserDisabledAction: {
    page: () => "/admin/users",
    fields: (i) => ({ userId: i.acmeUser, disabled: "true" }),
    refused: ["anonymous", "acme", "globex", "delivery"],
    state: false,
  },
  createOrganizationAction: {
    page: () => "/admin/organizations",
    fields: () => ({ name: "Matrix Org" }),
    refused: ["anonymous", "acme", "globex", "delivery"],
    state: true,
  },
  createIdentifierAction: {
    page: () => "/admin/organizations",
    fields: () => ({ organizationId: "x", program: "d1", value: "MATRIX1" }),
    refused: ["anonymous", "acme", "globex", "delivery"],
    state: true,
  },
  bindDomainAction: {
    page: () => "/admin/organizations",
    fields: () => ({ organizationId: "x", domain: "matrix-sso.test" }),
    refused: ["anonymous", "acme", "globex", "delivery"],
    state: true,
  },
  unbindDomainAction: {
    page: () => "/admin/organizations",
    fields: () => ({ domainId: "x" }),
    refused: ["anonymous", "acme", "globex", "delivery", "admin"],
    state: true,
  },
  setPasswordLoginAction: {
    page: () => "/admin/organizations",
    fields: () => ({ organizationId: "x", allowed: "false" }),
    refused: ["anonymous", "acme", "globex", "delivery", "admin"],
    state: true,
  },
  completeSecondFactorAction: {
    page: () => "/login/second-factor",
    fields: () => ({ otp: "123456" }),
    refused: ["anonymous", "acme", "globex", "delivery", "admin"],
    state: true,
  },
  setExpectedCnAction: {
    page: () => "/admin/organizations",
    fields: (i) => ({ connectionId: i.connection, expectedCn: "MATRIX" }),
    refused: ["anonymous", "acme", "globex", "delivery"],
    state: true,
  },
  deriveTrustStoreAction: {
    page: (i) => `/versions/${i.submitted}`,
    fields: (i) => ({ versionId: i.submitted }),
    refused: ["anonymous", "viewer", "globex", "delivery", "admin"],
    state: true,
  },
  acknowledgeAction: {
    page: (i) => `/connections/${i.connection}`,
    fields: (i) => ({ versionId: i.published, connectionId: i.connection }),
    refused: ["anonymous", "viewer", "globex", "delivery", "admin"],
    state: true,
  },
  probeAction: {
    page: (i) => `/connections/${i.connection}`,
    fields: (i) => ({ connectionId: i.connection }),
    refused: ["anonymous", "viewer", "globex", "admin"],
    state: true,
  },
  uploadAction: {
    page: (i) => `/connections/${i.connection}/upload/ISSUER_HOST`,
    fields: (i) => ({
      connectionId: i.connection,
      kind: "ISSUER_HOST",
      intent: "submit",
      host: "matrix2.acme-bank.example",
      port: "443",
    }),
    refused: ["anonymous", "viewer", "globex", "delivery", "admin"],
    state: true,
  },
  declareCaChangeAction: {
    page: (i) => `/connections/${i.connection}/ca-change`,
    fields: (i) => ({
      connectionId: i.connection,
      changeAt: "2000-01-01",
      "pasted:CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN": "x",
    }),
    refused: ["anonymous", "viewer", "globex", "delivery", "admin"],
    state: true,
  },
  approveAction: {
    page: (i) => `/versions/${i.submitted}`,
    fields: (i) => ({ versionId: i.submitted }),
    refused: ["anonymous", "acme", "globex", "admin"],
    state: true,
  },
  rejectAction: {
    page: (i) => `/versions/${i.submitted}`,
    fields: (i) => ({ versionId: i.submitted, reason: "matrix" }),
    refused: ["anonymous", "acme", "globex", "admin"],
    state: true,
  },
  withdrawAction: {
    page: (i) => `/versions/${i.submitted}`,
    fields: (i) => ({ versionId: i.submitted }),
    refused: ["anonymous", "viewer", "globex", "delivery", "admin"],
    state: true,
  },
  acknowledgeVersionAction: {
    page: (i) => `/versions/${i.published}`,
    fields: (i) => ({ versionId: i.published }),
    refused: ["anonymous", "viewer", "globex", "delivery", "admin"],
    state: true,
  },
  issueAction: {
    page: (i) => `/versions/${i.submitted}`,
    fields: (i) => ({ versionId: i.submitted }),
    refused: ["anonymous", "acme", "globex", "admin"],
    state: true,
  },
  revokeAction: {
    page: (i) => `/versions/${i.published}`,
    fields: (i) => ({ versionId: i.published, reason: "keyCompromise" }),
    refused: ["anonymous", "acme", "globex", "admin"],
    state: true,
  },
  requestRevocationAction: {
    page: (i) => `/versions/${i.published}`,
    fields: (i) => ({ versionId: i.published, reason: "keyCompromise" }),
    refused: ["anonymous", "viewer", "globex", "delivery", "admin"],
    state: true,
  },
  declineRevocationAction: {
    page: (i) => `/versions/${i.published}`,
    fields: (i) => ({ versionId: i.published, explanation: "matrix" }),
    refused: ["anonymous", "acme", "globex", "admin"],
    state: true,
  },
  attachAction: {
    page: (i) => `/versions/${i.submitted}`,
    fields: (i) => ({ versionId: i.submitted, pasted: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----" }),
    refused: ["anonymous", "acme", "globex", "admin"],
    state: true,
  },
  previewPublishAction: {
    page: () => "/publish",
    fields: (i) => ({
      kind: "D1_INBOUND_HOST",
      connectionIds: i.connection,
      host: "matrix.d1.example",
      basePath: "/x",
    }),
    refused: ["anonymous", "acme", "globex"],
    state: true,
  },
  decidePublicationAction: {
    page: (i) => `/publish/requests/${i.publication}`,
    fields: (i) => ({ requestId: i.publication, decision: "APPROVE" }),
    refused: ["anonymous", "acme", "globex", "delivery", "admin"],
    state: true,
  },
  changeRoleAction: {
    page: () => "/admin/users",
    fields: (i) => ({ userId: i.acmeUser, role: "ADMIN" }),
    refused: ["anonymous", "acme", "globex", "delivery", "admin"],
    state: true,
  },
  decideGrantAction: {
    page: () => "/admin/users",
    fields: (i) => ({ grantId: i.grant, decision: "APPROVE" }),
    refused: ["anonymous", "acme", "globex", "delivery", "admin"],
    state: true,
  },
  publishAction: {
    page: () => "/publish",
    fields: (i) => ({
      kind: "D1_INBOUND_HOST",
      connectionIds: i.connection,
      host: "matrix.d1.example",
      basePath: "/x",
    }),
    refused: ["anonymous", "acme", "globex"],
    state: true,
  },
  // A campaign (preview or start) is Thales publishing: customers and their viewer are told it does not exist.
  previewCampaignAction: {
    page: () => "/publish/campaigns/new",
    fields: (i) => campaignFields(i),
    refused: ["anonymous", "acme", "globex"],
    state: true,
  },
  createCampaignAction: {
    page: () => "/publish/campaigns/new",
    fields: (i) => ({ ...campaignFields(i), acceptWarnings: "on" }),
    refused: ["anonymous", "acme", "globex"],
    state: true,
  },
  createTokenAction: { page: () => "/tokens", fields: () => ({ name: "matrix" }), refused: ["anonymous"], state: true },
  revokeTokenAction: {
    page: () => "/tokens",
    fields: (i) => ({ tokenId: i.acmeToken }),
    refused: ["anonymous", "viewer", "globex", "delivery", "admin"],
    state: false,
  },
  changePasswordAction: {
    page: () => "/account/password",
    fields: () => ({
      currentPassword: "portal-demo-2026",
      newPassword: "matrix password 123",
      confirm: "matrix password 123",
    }),
    refused: ["anonymous"],
    state: true,
  },
  confirmMfaAction: {
    page: () => "/account/mfa",
    fields: () => ({ code: "123456" }),
    refused: ["anonymous"],
    state: true,
  },
  signOutEverywhereAction: {
    page: () => "/account/sessions",
    fields: () => ({}),
    refused: ["anonymous"],
    state: false,
  },
  markReadAction: { page: () => "/notifications", fields: () => ({ all: "1" }), refused: ["anonymous"], state: false },
  saveSettingsAction: {
    page: () => "/notifications/settings",
    fields: () => ({ digest: "on" }),
    refused: ["anonymous"],
    state: true,
  },
  addContactAction: {
    page: () => "/notifications/settings",
    fields: () => ({ email: "matrix@acme.test", topics: "expiry" }),
    refused: ["anonymous", "viewer", "delivery"],
    state: true,
  },
  removeContactAction: {
    page: () => "/notifications/settings",
    fields: (i) => ({ contactId: i.connection }),
    refused: ["anonymous", "acme", "globex", "delivery", "admin"],
    state: false,
  },
  createWebhookAction: {
    page: () => "/notifications/settings",
    fields: () => ({ url: "https://hooks.acme-bank.example/matrix", events: "version.rejected" }),
    refused: ["anonymous", "viewer", "delivery"],
    state: true,
  },
  webhookCommandAction: {
    page: () => "/notifications/settings",
    fields: (i) => ({ webhookId: i.connection, command: "test" }),
    refused: ["anonymous", "acme", "globex", "delivery", "admin"],
    state: false,
  },
};

function actionsInCode(): string[] {
  const files = walk(APP, "actions.ts").map((dir) => path.join(APP, ...findGroupPath(dir), "actions.ts"));
  return files.flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/export async function (\w+)/g)].map((m) => m[1]!),
  );
}
function findGroupPath(dir: string): string[] {
  // walk() dropped route groups like (portal); find the real folder again.
  const parts = dir.split("/").filter(Boolean);
  const resolve = (base: string, rest: string[]): string[] | undefined => {
    if (rest.length === 0) return [];
    for (const name of readdirSync(base)) {
      const full = path.join(base, name);
      if (!statSync(full).isDirectory()) continue;
      if (name === rest[0]) {
        const tail = resolve(full, rest.slice(1));
        if (tail) return [name, ...tail];
      }
      if (/^\(.*\)$/.test(name)) {
        const tail = resolve(full, rest);
        if (tail) return [name, ...tail];
      }
    }
    return undefined;
  };
  return resolve(APP, parts) ?? parts;
}

function actionIds(): Record<string, string> {
  const dist = process.env.NEXT_DIST_DIR || ".next";
  const manifest = JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, "../..", dist, "server/server-reference-manifest.json"), "utf8"),
  );
  return Object.fromEntries(
    Object.entries(manifest.node as Record<string, { exportedName: string }>).map(([id, entry]) => [
      entry.exportedName,
      id,
    ]),
  );
}

/** Calls a server action the way React's client does: multipart, root "0" = [prevState?, "$K1"], fields "1_*". */
async function callAction(
  request: APIRequestContext,
  baseURL: string,
  pagePath: string,
  actionId: string,
  fields: Record<string, string>,
  withState: boolean,
) {
  const multipart: Record<string, string> = { "0": JSON.stringify(withState ? [{ ok: false }, "$K1"] : ["$K1"]) };
  for (const [k, v] of Object.entries(fields)) multipart[`1_${k}`] = v;
  return request.post(pagePath, {
    headers: { "next-action": actionId, origin: baseURL, accept: "text/x-component" },
    multipart,
    maxRedirects: 0,
  });
}

test.describe.configure({ mode: "serial" });
let ids: Ids;
const sessions = {} as Record<Caller, APIRequestContext>;
const tokens = {} as Record<Caller, string | undefined>;
const pages: Page[] = [];

async function session(browser: Browser, baseURL: string, email?: string): Promise<APIRequestContext> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  if (email) await signIn(page, email);
  pages.push(page);
  return page.request;
}

test.beforeAll(async ({ browser, baseURL }) => {
  const emails: Record<Caller, string | undefined> = {
    anonymous: undefined,
    acme: USERS.acme,
    viewer: USERS.acmeViewer,
    globex: USERS.globex,
    delivery: USERS.delivery1,
    admin: USERS.admin,
  };
  for (const caller of CALLERS) {
    sessions[caller] = await session(browser, baseURL!, emails[caller]);
    tokens[caller] = emails[caller] ? apiToken(emails[caller]!, "matrix") : undefined;
  }
  const [connection] = await query<{ id: string }>(
    `SELECT c.id FROM "Connection" c JOIN "Identifier" i ON i.id = c."identifierId" WHERE i.value = 'ACME01' AND c.environment = 'PPR'`,
  );
  const [published] = await query<{ id: string }>(
    `SELECT v.id FROM "AssetVersion" v JOIN "Asset" a ON a.id = v."assetId" WHERE a."connectionId" = $1 AND a.kind = 'D1_SERVER_CA_BUNDLE' ORDER BY v.seq DESC`,
    [connection!.id],
  );
  // A fresh submission of Acme's own, made through the API, so the matrix owns it.
  const created = await sessions.anonymous.post(`/api/v1/connections/${connection!.id}/assets`, {
    headers: { authorization: `Bearer ${tokens.acme}` },
    data: { kind: "ISSUER_HOST", host: "matrix-own.acme-bank.example", port: 443, acceptWarnings: true },
  });
  expect(created.status()).toBe(201);
  const upload = await created.json();
  const [acmeUser] = await query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [USERS.acme]);
  const [acmeToken] = await query<{ id: string }>(
    `SELECT t.id FROM "ApiToken" t WHERE t."userId" = $1 AND t."revokedAt" IS NULL ORDER BY t."createdAt" DESC`,
    [acmeUser!.id],
  );
  // A Production publication the seed made and a second person approved (decided: any further decision is refused).
  const [publication] = await query<{ id: string }>(
    `SELECT id FROM "PublicationRequest" WHERE environment = 'PRD' AND state = 'PUBLISHED' ORDER BY id`,
  );
  // A Production campaign of the matrix's own, pending its second person: nothing in force changes.
  matrixCa = new Workdir().serverChain("MatrixCampaign", "unused.example").root;
  const campaign = await sessions.anonymous.post("/api/v1/campaigns", {
    headers: { authorization: `Bearer ${tokens.delivery}` },
    data: { kind: "THALES_CLIENT_CA", program: "d1", environment: "PRD", connectionIds: [], content: matrixCa },
  });
  expect(campaign.status()).toBe(201);
  ids = {
    campaign: (await campaign.json()).campaign.id,
    connection: connection!.id,
    published: published!.id,
    submitted: upload.version.id,
    asset: upload.asset.id,
    acmeUser: acmeUser!.id,
    acmeToken: acmeToken!.id,
    publication: publication!.id,
    grant: "no-such-grant",
  };
});

test("every page, route handler and server action in the code is in the matrix", () => {
  expect(walk(APP, "page.tsx").sort()).toEqual(Object.keys(PAGES).sort());
  expect(walk(APP, "route.ts").sort()).toEqual([...Object.keys(SESSION_ROUTES), ...Object.keys(API)].sort());
  expect(actionsInCode().sort()).toEqual(Object.keys(ACTIONS).sort());
  const manifest = actionIds();
  for (const name of Object.keys(ACTIONS)) expect(manifest[name], `${name} is in the build`).toBeTruthy();
});

test("the read-only viewer has its own cell wherever Acme may change something", () => {
  for (const [key, specs] of Object.entries(API))
    for (const spec of specs)
      if (spec.method === "POST" && spec.expect.acme < 400 && spec.mutates)
        expect(spec.expect.viewer, `${key} names the viewer`).toBeGreaterThanOrEqual(400);
  // Actions a customer may take that write its organization's exchange: the viewer is refused each of them.
  for (const name of [
    "uploadAction",
    "withdrawAction",
    "acknowledgeAction",
    "acknowledgeVersionAction",
    "requestRevocationAction",
    "probeAction",
    "addContactAction",
    "createWebhookAction",
  ])
    expect(ACTIONS[name]!.refused, name).toContain("viewer");
});

test("pages answer each caller as the matrix says", async () => {
  for (const [key, spec] of Object.entries(PAGES)) {
    for (const caller of CALLERS) {
      const response = await sessions[caller].get(spec.url(ids), { maxRedirects: 0 });
      expect(response.status(), `${caller} GET ${key}`).toBe(expected(spec.expect, caller));
    }
  }
});

test("session route handlers answer each caller as the matrix says, and refusals write nothing", async () => {
  for (const [key, spec] of Object.entries(SESSION_ROUTES)) {
    if ("public" in spec) continue;
    for (const caller of CALLERS) {
      const before = expected(spec.expect, caller) >= 400 ? await fingerprint() : undefined;
      const response = await sessions[caller].get(spec.url(ids), { maxRedirects: 0 });
      expect(response.status(), `${caller} GET ${key}`).toBe(expected(spec.expect, caller));
      if (before) expect(await fingerprint(), `${caller} GET ${key} changed the database`).toBe(before);
    }
  }
});

test("the REST API answers each token as the matrix says, ignores session cookies, and refusals write nothing", async () => {
  for (const [key, specs] of Object.entries(API)) {
    for (const spec of specs) {
      for (const caller of [...CALLERS].sort(
        (a, b) => Number(expected(spec.expect, a) < 400) - Number(expected(spec.expect, b) < 400),
      )) {
        const headers = tokens[caller] ? { authorization: `Bearer ${tokens[caller]}` } : undefined;
        const refused = expected(spec.expect, caller) >= 400;
        if (!refused && spec.mutates) continue; // allowed state changes are exercised by the flow specs
        const before = refused ? await fingerprint() : undefined;
        const response =
          spec.method === "GET"
            ? await sessions.anonymous.get(spec.url(ids), { headers })
            : await sessions.anonymous.post(spec.url(ids), { headers, data: spec.body?.(ids) ?? {} });
        expect(response.status(), `${caller} ${spec.method} ${key}`).toBe(expected(spec.expect, caller));
        if (before) expect(await fingerprint(), `${caller} ${spec.method} ${key} changed the database`).toBe(before);
      }
      // A signed-in browser session without a token is not an API credential.
      if (!key.endsWith("openapi.json")) {
        const before = await fingerprint();
        const cookieOnly =
          spec.method === "GET"
            ? await sessions.admin.get(spec.url(ids))
            : await sessions.admin.post(spec.url(ids), { data: spec.body?.(ids) ?? {} });
        expect(cookieOnly.status(), `session cookie on ${key}`).toBe(401);
        expect(await fingerprint()).toBe(before);
      }
    }
  }
});

test("server actions refuse the callers the matrix names and write nothing", async ({ baseURL }) => {
  const manifest = actionIds();
  for (const [name, spec] of Object.entries(ACTIONS)) {
    // Whatever Acme may not do, its read-only viewer may not either.
    const refused = spec.refused.includes("acme") ? [...new Set([...spec.refused, "viewer" as const])] : spec.refused;
    for (const caller of refused) {
      const before = await fingerprint();
      const response = await callAction(
        sessions[caller],
        baseURL!,
        spec.page(ids),
        manifest[name]!,
        spec.fields(ids),
        spec.state,
      );
      expect(response.status(), `${caller} → ${name}`).toBeLessThan(500);
      // The action's returned state says it was refused (ActionState, or the upload form's own state).
      if (spec.state && response.status() === 200)
        expect(await response.text(), `${caller} → ${name}`).toMatch(/"ok":false|"status":"(error|rejected)"/);
      expect(await fingerprint(), `${caller} → ${name} changed the database`).toBe(before);
    }
  }
});

test("a server action posted from another origin is refused and writes nothing", async ({ baseURL }) => {
  const before = await fingerprint();
  const response = await sessions.acme.post(`/connections/${ids.connection}/upload/ISSUER_HOST`, {
    headers: {
      "next-action": actionIds().uploadAction!,
      origin: "https://attacker.example",
      accept: "text/x-component",
    },
    multipart: {
      "0": JSON.stringify([{}, "$K1"]),
      "1_connectionId": ids.connection,
      "1_kind": "ISSUER_HOST",
      "1_intent": "submit",
      "1_host": "csrf.acme-bank.example",
      "1_port": "443",
    },
    maxRedirects: 0,
  });
  // Refused before Next (lib/http/action-origin.mjs): a 403 with the reason, not Next's 500.
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ error: "FORBIDDEN" });
  expect(await fingerprint()).toBe(before);
  void baseURL;
});

test("security headers: strict CSP with a nonce, no framing, no sniffing", async () => {
  const response = await sessions.acme.get("/");
  const headers = response.headers();
  const csp = headers["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);
  expect((await sessions.acme.get("/")).headers()["content-security-policy"]).not.toContain(nonce);
});

test("security headers on the API too: every answer, refused or not, with HSTS behind HTTPS", async () => {
  const bearer = { authorization: `Bearer ${tokens.acme}` };
  const answers = [
    await sessions.anonymous.get("/api/v1/connections", { headers: bearer }),
    await sessions.anonymous.get("/api/v1/connections"),
    await sessions.anonymous.post("/api/v1/check", { headers: bearer, data: "{" }),
    await sessions.anonymous.get("/api/v1/openapi.json"),
    await sessions.anonymous.get("/api/v1/no-such-route", { headers: bearer }),
    await sessions.anonymous.get("/api/health/live"),
    await sessions.anonymous.get("/api/v1/connections/%ff/assets", { headers: bearer }),
    await sessions.anonymous.get("/api/auth/session"),
  ];
  expect(answers.map((r) => r.status())).toEqual([200, 401, 422, 200, 404, 200, 400, 200]);
  for (const response of answers) {
    const headers = response.headers();
    const what = `${response.url()} ${response.status()}`;
    expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], what).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(headers["x-frame-options"], what).toBe("DENY");
    expect(headers["x-content-type-options"], what).toBe("nosniff");
    expect(headers["referrer-policy"], what).toBe("same-origin");
    expect(headers["x-request-id"], what).toBeTruthy();
    expect(headers["strict-transport-security"], what).toBeUndefined();
  }
  const https = await sessions.anonymous.get("/api/v1/connections", {
    headers: { ...bearer, "x-forwarded-proto": "https" },
  });
  expect(https.headers()["strict-transport-security"]).toContain("max-age=");
});
