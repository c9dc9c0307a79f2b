import "server-only";
import { z } from "zod";
import * as S from "./schemas";
import { reviewQueueFilter } from "../assets/list-review-queue";

/**
 * The REST API v1, route by route: the OpenAPI document is generated from this list, and a test checks
 * that every route file under app/api/v1 is in it and every entry has a file.
 */
export type ApiRouteSpec = {
  method: "get" | "post";
  path: string;
  summary: string;
  roles: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  responses: Record<number, ApiResponse>;
};

type ApiResponse = { description: string; schema?: z.ZodType; contentType?: string; headers?: Record<string, string> };

/** Who may call a route, and what the other roles get: `denied` is the 403's description (none: no 403). */
type Access = { roles: string; denied?: string; token?: false };

const ANYONE: Access = { roles: "all" };
const CUSTOMER: Access = { roles: "CUSTOMER", denied: "Not a customer" };
const DELIVERY: Access = { roles: "THALES_DELIVERY", denied: "Not delivery" };
const STAFF: Access = { roles: "THALES_DELIVERY, ADMIN", denied: "Not Thales staff" };

type RouteInput = {
  summary: string;
  access: Access;
  body?: z.ZodType;
  query?: z.ZodObject;
  /** Success, and the errors whose body is not a plain ErrorBody. */
  responses: Record<number, ApiResponse>;
  /** Plain errors by status, their description (the body is an ErrorBody). */
  errors?: Record<number, string>;
};

const UNAUTHENTICATED = "Missing, unknown or revoked token, or disabled user";
const NOT_FOUND = "No such object for this caller (another organization's objects are not found either)";
const FILE = { description: "File, with Content-Disposition", contentType: "application/octet-stream" };
const TOO_LARGE = "Body too large";
const CHECKS_BUSY =
  "Too many files waiting to be checked (PORTAL_CHECK_QUEUE): nothing stored; retry after Retry-After seconds";

/**
 * One route. Every route with a token answers 401 for a missing, unknown or revoked one; a route on an object
 * (`{id}` in the path) answers 404 for an object the caller does not see; a role-restricted one answers 403
 * with its `access.denied`. `errors` adds or overrides plain errors.
 */
function route(key: `${"GET" | "POST"} /api/v1/${string}`, spec: RouteInput): ApiRouteSpec {
  const [method, path] = key.split(" ") as [string, string];
  const { summary, access, body, query, responses, errors = {} } = spec;
  const plain = {
    ...(access.token === false ? {} : { 401: UNAUTHENTICATED }),
    ...(path.includes("{id}") ? { 404: NOT_FOUND } : {}),
    ...(access.denied ? { 403: access.denied } : {}),
    ...errors,
  };
  return {
    method: method.toLowerCase() as ApiRouteSpec["method"],
    path,
    summary,
    roles: access.roles,
    ...(body ? { body } : {}),
    ...(query ? { query } : {}),
    responses: {
      ...Object.fromEntries(
        Object.entries(plain).map(([status, description]) => [status, { description, schema: S.ErrorBody }]),
      ),
      ...responses,
    },
  };
}

export const API_ROUTES: ApiRouteSpec[] = [
  route("GET /api/v1/connections", {
    summary:
      "Connections visible to the caller, with go-live readiness, cross-check warnings and the newest endpoint check (ordered by organization, identifier, environment)",
    access: ANYONE,
    query: S.ConnectionsQuery,
    responses: {
      200: {
        description: "One page of the list",
        schema: S.Connection.array(),
        headers: { link: 'RFC 8288 `<url>; rel="next"` when another page follows; absent on the last page' },
      },
    },
    errors: { 422: "Invalid query or cursor" },
  }),
  route("GET /api/v1/connections/{id}/assets", {
    summary: "Assets of a connection: each one's state and the version in force (its history: GET /api/v1/assets/{id})",
    access: ANYONE,
    responses: { 200: { description: "List", schema: S.AssetSummary.array() } },
  }),
  route("POST /api/v1/connections/{id}/assets", {
    summary: "Upload a customer asset (validated by the same rules as the UI)",
    access: CUSTOMER,
    body: S.UploadBody,
    responses: {
      201: { description: "Stored", schema: S.UploadCreated },
      422: {
        description:
          "Refused by validation, nothing stored ({verdict, findings}); or a malformed body or cut-over ({error})",
        schema: z.union([S.Rejected, S.ErrorBody]),
      },
    },
    errors: {
      409: "A pending version of this asset was decided at the same moment: retry",
      413: TOO_LARGE,
      503: CHECKS_BUSY,
    },
  }),
  route("GET /api/v1/connections/{id}/trust-store.pem", {
    summary:
      "PEM bundle of the CA certificates the caller must trust on this connection (Thales: what the backend must trust)",
    access: ANYONE,
    responses: { 200: { description: "PEM", contentType: "application/x-pem-file" } },
  }),
  route("GET /api/v1/connections/{id}/trust-store", {
    summary:
      "The CA certificates a party must trust on this connection, as PEM, PKCS#7, PKCS#12 or JKS (trusted entries)",
    access: ANYONE,
    query: S.TrustStoreQuery,
    responses: { 200: FILE },
    errors: { 422: "Unknown format or bad password" },
  }),
  route("POST /api/v1/connections/{id}/probe", {
    summary: "Check the connection's endpoint (ISSUER_HOST) on the wire as Thales will call it; stored with history",
    access: { roles: "CUSTOMER (own), THALES_DELIVERY", denied: "Role may not probe" },
    body: S.ProbeBody,
    responses: {
      200: {
        description: "Verdict, findings and handshake summary (a failing endpoint is still 200)",
        schema: S.ProbeResultOut,
      },
    },
    errors: {
      409: "No endpoint host yet",
      422: "Port override outside lab mode",
      429: "One check per connection per minute",
    },
  }),
  route("GET /api/v1/connections/{id}/probes", {
    summary: "Endpoint checks of a connection, newest first",
    access: ANYONE,
    responses: { 200: { description: "History", schema: S.ProbeHistory } },
  }),
  route("GET /api/v1/assets/{id}", {
    summary:
      "An asset: its state, the versions in force, and a page of its versions (newest first) with findings, reviews and history",
    access: ANYONE,
    query: S.AssetQuery,
    responses: {
      200: {
        description: "The asset with one page of versions",
        schema: S.AssetDetail,
        headers: { link: 'RFC 8288 `<url>; rel="next"` when older versions follow; absent on the last page' },
      },
    },
    errors: { 422: "Invalid query or cursor" },
  }),
  route("POST /api/v1/assets/{id}/approve", {
    summary: "Approve the version waiting for review (PRD needs two distinct approvers)",
    access: { ...DELIVERY, denied: "Not delivery, or own upload" },
    responses: { 200: { description: "Approved or partly approved", schema: S.TransitionResult } },
    errors: { 409: "Nothing waiting for review, or already approved by you" },
  }),
  route("POST /api/v1/assets/{id}/reject", {
    summary: "Reject the version waiting for review, with a reason",
    access: DELIVERY,
    body: S.RejectBody,
    responses: { 200: { description: "Rejected", schema: S.TransitionResult } },
    errors: { 409: "Nothing waiting for review", 422: "No reason" },
  }),
  route("POST /api/v1/assets/{id}/issue", {
    summary: "Sign the approved CSR with the Thales CA",
    access: DELIVERY,
    responses: { 200: { description: "Issued", schema: S.IssueResult } },
    errors: { 409: "No approved CSR" },
  }),
  route("POST /api/v1/versions/{id}/revoke", {
    summary: "Revoke an issued client certificate version with an RFC 5280 reason (it goes on the portal CRL)",
    access: {
      roles:
        "THALES_DELIVERY revokes (or confirms a pending request; reason optional then, the customer's is kept); CUSTOMER requests revocation (Thales confirms here or declines with decline-revocation)",
      denied: "Role may not",
    },
    body: S.RevokeBody,
    responses: { 200: { description: "Revoked or requested", schema: S.RevokeResult } },
    errors: { 409: "Not in a revocable state", 422: "Unknown reason, or not a portal-issued certificate" },
  }),
  route("POST /api/v1/versions/{id}/derive-trust-store", {
    summary:
      "Submit the CA certificates of a server-chain version (the chain report's TRUST_STORE_DERIVABLE) as a new version of the connection's trust store, reviewed like any upload",
    access: { ...CUSTOMER, denied: "Role may not upload" },
    responses: { 201: { description: "The trust store version, submitted for review", schema: S.UploadCreated } },
    errors: {
      409: "A pending trust store was decided at the same moment: retry",
      422: "Not a server chain, or no trust store derives from it (Mozilla-anchored, no root CA), or the trust-store check refused it",
      503: CHECKS_BUSY,
    },
  }),
  route("GET /api/v1/publication-requests", {
    summary: "Publication requests, newest first (pending ones by default)",
    access: STAFF,
    query: S.PublicationsQuery,
    responses: { 200: { description: "List", schema: S.PublicationSummaryOut.array() } },
    errors: { 422: "Invalid query" },
  }),
  route("POST /api/v1/publication-requests", {
    summary:
      "Publish Thales material to connections of one environment: PreProd is in force at once, Production waits for a second, distinct staff member",
    access: STAFF,
    body: S.PublicationBody,
    responses: {
      201: {
        description:
          "Created: state PUBLISHED (PreProd) or PENDING (Production), with each target's trust-store changes",
        schema: z.object({ request: S.PublicationRequestOut, findings: z.array(S.Finding) }),
      },
      422: {
        description: "Invalid input, mixed environments, or refused by validation (nothing stored)",
        schema: S.Rejected,
      },
    },
    errors: { 404: NOT_FOUND, 413: TOO_LARGE, 503: CHECKS_BUSY },
  }),
  route("GET /api/v1/publication-requests/{id}", {
    summary:
      "A publication request; while pending, what each target's trust-store export would gain and lose (CN, serial, SHA-256)",
    access: STAFF,
    responses: { 200: { description: "Request", schema: S.PublicationRequestOut } },
  }),
  route("POST /api/v1/publication-requests/{id}/approve", {
    summary: "Approve a pending Production publication: it is in force on every target at once",
    access: {
      ...STAFF,
      denied:
        "Not Thales staff, or not a second person (the requester, an account they created or that created theirs, a twin bootstrap account)",
    },
    responses: { 200: { description: "Published", schema: S.PublicationRequestOut } },
    errors: { 409: "Already decided" },
  }),
  route("POST /api/v1/publication-requests/{id}/refuse", {
    summary: "Refuse a pending publication with a reason; nothing is published",
    access: STAFF,
    body: S.RefuseBody,
    responses: { 200: { description: "Refused", schema: S.PublicationRequestOut } },
    errors: { 409: "Already decided", 422: "No reason" },
  }),
  // Campaigns do not exist for customers: another role gets a 404, not a 403.
  route("GET /api/v1/campaigns", {
    summary: "Rotation campaigns, newest first, with how many connections acknowledged the new CA",
    access: { roles: STAFF.roles },
    query: S.CampaignsQuery,
    responses: { 200: { description: "List", schema: S.CampaignSummaryOut.array() } },
    errors: { 404: "Not Thales staff: campaigns do not exist for customers", 422: "Invalid query" },
  }),
  route("POST /api/v1/campaigns", {
    summary:
      "Rotate a Thales CA or chain on every connection of a program and environment (or a subset) with one cut-over: old and new stay in each customer's trust store until then. Production waits for a second, distinct staff member",
    access: { roles: STAFF.roles },
    body: S.CampaignBody,
    responses: {
      201: {
        description: "Created: the campaign, its publication request PUBLISHED (PreProd) or PENDING (Production)",
        schema: z.object({ campaign: S.CampaignOut, findings: z.array(S.Finding) }),
      },
      422: {
        description:
          "Invalid input, a kind without overlap, a connection of another program or environment, a past cut-over, or refused by validation (nothing stored)",
        schema: S.Rejected,
      },
    },
    errors: { 404: "Not Thales staff, or an unknown connection", 413: TOO_LARGE, 503: CHECKS_BUSY },
  }),
  route("GET /api/v1/campaigns/{id}", {
    summary: "A rotation campaign, per connection: acknowledged or not, reminders sent, the newest endpoint check",
    access: { roles: STAFF.roles },
    responses: { 200: { description: "Campaign", schema: S.CampaignOut } },
  }),
  route("POST /api/v1/assets/{id}/withdraw", {
    summary: "Withdraw the version waiting for review (the customer uploads again afterwards)",
    access: CUSTOMER,
    responses: { 200: { description: "Withdrawn", schema: S.TransitionResult } },
    errors: { 409: "No version of this asset can be withdrawn now" },
  }),
  route("POST /api/v1/assets/{id}/acknowledge", {
    summary:
      "Acknowledge receipt of the newest published version of a Thales asset (e.g. the issued client certificate)",
    access: CUSTOMER,
    responses: { 200: { description: "Acknowledged", schema: S.TransitionResult } },
    errors: { 409: "Nothing published waits for acknowledgement" },
  }),
  route("GET /api/v1/ca-changes", {
    summary:
      "Server CA changes announced by customers, still ahead or in their grace period, soonest first (Thales: all; a customer: its own)",
    access: ANYONE,
    responses: { 200: { description: "List (at most 500)", schema: S.CaChange.array() } },
  }),
  route("POST /api/v1/connections/{id}/ca-changes", {
    summary:
      "Announce a server CA change: the new chain (and trust store) go through review; the old ones stay trusted until the change date plus the grace period",
    access: CUSTOMER,
    body: S.CaChangeBody,
    responses: {
      201: { description: "Announced; the new versions wait for review", schema: S.CaChangeCreated },
      422: {
        description: "Change date too early, a file missing, or refused by validation (nothing stored)",
        schema: S.CaChangeRejected.or(S.ErrorBody),
      },
    },
    errors: { 503: CHECKS_BUSY },
  }),
  route("GET /api/v1/review-queue", {
    summary:
      "Customer versions waiting for Thales (review, or approved CSRs to sign with state=APPROVED), oldest first",
    access: DELIVERY,
    query: reviewQueueFilter,
    responses: {
      200: {
        description: "The queue's oldest 500 rows at most",
        schema: S.ReviewQueueItem.array(),
        headers: { "x-total-count": "How many rows the whole queue holds (more than the answer when over 500)" },
      },
    },
    errors: { 422: "Invalid filter" },
  }),
  route("POST /api/v1/versions/{id}/decline-revocation", {
    summary: "Decline a customer's revocation request, saying why: the certificate stays in force (ACKNOWLEDGED)",
    access: DELIVERY,
    body: S.DeclineRevocationBody,
    responses: { 200: { description: "Declined", schema: S.DeclineRevocationResult } },
    errors: { 409: "No revocation request pending", 422: "No explanation, or not JSON" },
  }),
  route("GET /api/v1/assets/{id}/download", {
    summary:
      "A version of the asset as a file: ?version=<id> (any version the caller sees), else the version in force, else the newest",
    access: ANYONE,
    query: S.DownloadQuery,
    responses: { 200: FILE },
    errors: { 409: "The version is a revoked certificate", 422: "Unknown format or bad password" },
  }),
  route("GET /api/v1/notifications", {
    summary: "The caller's own notifications, newest first (the same as the inbox page; never another user's)",
    access: ANYONE,
    query: S.NotificationsQuery,
    responses: { 200: { description: "Notifications", schema: S.NotificationOut.array() } },
    errors: { 422: "Invalid filter" },
  }),
  route("POST /api/v1/notifications/{id}/read", {
    summary: "Mark one of the caller's notifications read",
    access: ANYONE,
    responses: { 200: { description: "Marked (count 0 if it was read already)", schema: S.MarkedRead } },
  }),
  route("POST /api/v1/notifications/read-all", {
    summary: "Mark every unread notification of the caller read",
    access: ANYONE,
    responses: { 200: { description: "Marked", schema: S.MarkedRead } },
  }),
  route("GET /api/v1/search", {
    summary:
      "Versions by certificate serial (hex, colons optional), SHA-256 fingerprint, subject text or identifier, newest first, 50 a page (Thales: every organization; customers: their own)",
    access: ANYONE,
    query: S.SearchQuery,
    responses: { 200: { description: "One page of results (empty when nothing matches)", schema: S.SearchResults } },
    errors: { 422: "Empty or too long query, or a bad page" },
  }),
  route("POST /api/v1/check", {
    summary: "Pre-flight check, stores nothing; same JSON as portal-check --json",
    access: ANYONE,
    body: S.CheckBody,
    responses: { 200: { description: "Verdict (a rejected file is still 200)", schema: S.CheckResult } },
    errors: { 413: TOO_LARGE, 422: "Malformed request", 503: CHECKS_BUSY },
  }),
  route("GET /api/v1/openapi.json", {
    summary: "This document",
    access: { roles: "anyone (no token needed)", token: false },
    responses: { 200: { description: "OpenAPI 3.1" } },
  }),
];
