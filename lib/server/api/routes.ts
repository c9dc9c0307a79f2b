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
  responses: Record<
    number,
    { description: string; schema?: z.ZodType; contentType?: string; headers?: Record<string, string> }
  >;
};

const common = {
  401: { description: "Missing, unknown or revoked token, or disabled user", schema: S.ErrorBody },
  404: {
    description: "No such object for this caller (another organization's objects are not found either)",
    schema: S.ErrorBody,
  },
};

export const API_ROUTES: ApiRouteSpec[] = [
  {
    method: "get",
    path: "/api/v1/connections",
    summary:
      "Connections visible to the caller, with go-live readiness, cross-check warnings and the newest endpoint check (ordered by organization, identifier, environment)",
    roles: "all",
    query: S.ConnectionsQuery,
    responses: {
      200: {
        description: "One page of the list",
        schema: S.Connection.array(),
        headers: { link: 'RFC 8288 `<url>; rel="next"` when another page follows; absent on the last page' },
      },
      401: common[401],
      422: { description: "Invalid query or cursor", schema: S.ErrorBody },
    },
  },
  {
    method: "get",
    path: "/api/v1/connections/{id}/assets",
    summary: "Assets of a connection",
    roles: "all",
    responses: { 200: { description: "List", schema: S.AssetSummary.array() }, ...common },
  },
  {
    method: "post",
    path: "/api/v1/connections/{id}/assets",
    summary: "Upload a customer asset (validated by the same rules as the UI)",
    roles: "CUSTOMER",
    body: S.UploadBody,
    responses: {
      201: { description: "Stored", schema: S.UploadCreated },
      403: { description: "Not a customer", schema: S.ErrorBody },
      409: {
        description: "A pending version of this asset was decided at the same moment: retry",
        schema: S.ErrorBody,
      },
      413: { description: "Body too large", schema: S.ErrorBody },
      422: {
        description:
          "Refused by validation, nothing stored ({verdict, findings}); or a malformed body or cut-over ({error})",
        schema: z.union([S.Rejected, S.ErrorBody]),
      },
      ...common,
    },
  },
  {
    method: "get",
    path: "/api/v1/connections/{id}/trust-store.pem",
    summary:
      "PEM bundle of the CA certificates the caller must trust on this connection (Thales: what the backend must trust)",
    roles: "all",
    responses: { 200: { description: "PEM", contentType: "application/x-pem-file" }, ...common },
  },
  {
    method: "get",
    path: "/api/v1/connections/{id}/trust-store",
    roles: "all",
    query: S.TrustStoreQuery,
    summary:
      "The CA certificates a party must trust on this connection, as PEM, PKCS#7, PKCS#12 or JKS (trusted entries)",
    responses: {
      200: { description: "File, with Content-Disposition", contentType: "application/octet-stream" },
      422: { description: "Unknown format or bad password", schema: S.ErrorBody },
      ...common,
    },
  },
  {
    method: "post",
    path: "/api/v1/connections/{id}/probe",
    roles: "CUSTOMER (own), THALES_DELIVERY",
    body: S.ProbeBody,
    summary: "Check the connection's endpoint (ISSUER_HOST) on the wire as Thales will call it; stored with history",
    responses: {
      200: {
        description: "Verdict, findings and handshake summary (a failing endpoint is still 200)",
        schema: S.ProbeResultOut,
      },
      403: { description: "Role may not probe", schema: S.ErrorBody },
      409: { description: "No endpoint host yet", schema: S.ErrorBody },
      422: { description: "Port override outside lab mode", schema: S.ErrorBody },
      429: { description: "One check per connection per minute", schema: S.ErrorBody },
      ...common,
    },
  },
  {
    method: "get",
    path: "/api/v1/connections/{id}/probes",
    summary: "Endpoint checks of a connection, newest first",
    roles: "all",
    responses: { 200: { description: "History", schema: S.ProbeHistory }, ...common },
  },
  {
    method: "get",
    path: "/api/v1/assets/{id}",
    summary: "An asset with versions, state, findings and history",
    roles: "all",
    responses: { 200: { description: "Asset", schema: S.AssetDetail }, ...common },
  },
  {
    method: "post",
    path: "/api/v1/assets/{id}/approve",
    summary: "Approve the version waiting for review (PRD needs two distinct approvers)",
    roles: "THALES_DELIVERY",
    responses: {
      200: { description: "Approved or partly approved", schema: S.TransitionResult },
      403: { description: "Not delivery, or own upload", schema: S.ErrorBody },
      409: { description: "Nothing waiting for review, or already approved by you", schema: S.ErrorBody },
      ...common,
    },
  },
  {
    method: "post",
    path: "/api/v1/assets/{id}/reject",
    summary: "Reject the version waiting for review, with a reason",
    roles: "THALES_DELIVERY",
    body: S.RejectBody,
    responses: {
      200: { description: "Rejected", schema: S.TransitionResult },
      403: { description: "Not delivery", schema: S.ErrorBody },
      409: { description: "Nothing waiting for review", schema: S.ErrorBody },
      422: { description: "No reason", schema: S.ErrorBody },
      ...common,
    },
  },
  {
    method: "post",
    path: "/api/v1/assets/{id}/issue",
    summary: "Sign the approved CSR with the Thales CA",
    roles: "THALES_DELIVERY",
    responses: {
      200: { description: "Issued", schema: S.IssueResult },
      403: { description: "Not delivery", schema: S.ErrorBody },
      409: { description: "No approved CSR", schema: S.ErrorBody },
      ...common,
    },
  },
  {
    method: "post",
    path: "/api/v1/versions/{id}/revoke",
    body: S.RevokeBody,
    roles:
      "THALES_DELIVERY revokes (or confirms a pending request; reason optional then, the customer's is kept); CUSTOMER requests revocation (Thales confirms here or declines with decline-revocation)",
    summary: "Revoke an issued client certificate version with an RFC 5280 reason (it goes on the portal CRL)",
    responses: {
      200: { description: "Revoked or requested", schema: S.RevokeResult },
      403: { description: "Role may not", schema: S.ErrorBody },
      409: { description: "Not in a revocable state", schema: S.ErrorBody },
      422: { description: "Unknown reason, or not a portal-issued certificate", schema: S.ErrorBody },
      ...common,
    },
  },
  {
    method: "post",
    path: "/api/v1/versions/{id}/derive-trust-store",
    roles: "CUSTOMER",
    summary:
      "Submit the CA certificates of a server-chain version (the chain report's TRUST_STORE_DERIVABLE) as a new version of the connection's trust store, reviewed like any upload",
    responses: {
      201: { description: "The trust store version, submitted for review", schema: S.UploadCreated },
      403: { description: "Role may not upload", schema: S.ErrorBody },
      409: { description: "A pending trust store was decided at the same moment: retry", schema: S.ErrorBody },
      422: {
        description:
          "Not a server chain, or no trust store derives from it (Mozilla-anchored, no root CA), or the trust-store check refused it",
        schema: S.ErrorBody,
      },
      ...common,
    },
  },
  {
    method: "get",
    path: "/api/v1/publication-requests",
    summary: "Publication requests, newest first (pending ones by default)",
    roles: "THALES_DELIVERY, ADMIN",
    query: S.PublicationsQuery,
    responses: {
      200: { description: "List", schema: S.PublicationSummaryOut.array() },
      401: common[401],
      403: { description: "Not Thales staff", schema: S.ErrorBody },
      422: { description: "Invalid query", schema: S.ErrorBody },
    },
  },
  {
    method: "post",
    path: "/api/v1/publication-requests",
    summary:
      "Publish Thales material to connections of one environment: PreProd is in force at once, Production waits for a second, distinct staff member",
    roles: "THALES_DELIVERY, ADMIN",
    body: S.PublicationBody,
    responses: {
      201: {
        description:
          "Created: state PUBLISHED (PreProd) or PENDING (Production), with each target's trust-store changes",
        schema: z.object({ request: S.PublicationRequestOut, findings: z.array(S.Finding) }),
      },
      403: { description: "Not Thales staff", schema: S.ErrorBody },
      413: { description: "Body too large", schema: S.ErrorBody },
      422: {
        description: "Invalid input, mixed environments, or refused by validation (nothing stored)",
        schema: S.Rejected,
      },
      ...common,
    },
  },
  {
    method: "get",
    path: "/api/v1/publication-requests/{id}",
    summary:
      "A publication request; while pending, what each target's trust-store export would gain and lose (CN, serial, SHA-256)",
    roles: "THALES_DELIVERY, ADMIN",
    responses: {
      200: { description: "Request", schema: S.PublicationRequestOut },
      403: { description: "Not Thales staff", schema: S.ErrorBody },
      ...common,
    },
  },
  {
    method: "post",
    path: "/api/v1/publication-requests/{id}/approve",
    summary: "Approve a pending Production publication: it is in force on every target at once",
    roles: "THALES_DELIVERY, ADMIN",
    responses: {
      200: { description: "Published", schema: S.PublicationRequestOut },
      403: {
        description:
          "Not Thales staff, or not a second person (the requester, an account they created or that created theirs, a twin bootstrap account)",
        schema: S.ErrorBody,
      },
      409: { description: "Already decided", schema: S.ErrorBody },
      ...common,
    },
  },
  {
    method: "post",
    path: "/api/v1/publication-requests/{id}/refuse",
    summary: "Refuse a pending publication with a reason; nothing is published",
    roles: "THALES_DELIVERY, ADMIN",
    body: S.RefuseBody,
    responses: {
      200: { description: "Refused", schema: S.PublicationRequestOut },
      403: { description: "Not Thales staff", schema: S.ErrorBody },
      409: { description: "Already decided", schema: S.ErrorBody },
      422: { description: "No reason", schema: S.ErrorBody },
      ...common,
    },
  },
  {
    method: "get",
    path: "/api/v1/campaigns",
    summary: "Rotation campaigns, newest first, with how many connections acknowledged the new CA",
    roles: "THALES_DELIVERY, ADMIN",
    query: S.CampaignsQuery,
    responses: {
      200: { description: "List", schema: S.CampaignSummaryOut.array() },
      401: common[401],
      404: { description: "Not Thales staff: campaigns do not exist for customers", schema: S.ErrorBody },
      422: { description: "Invalid query", schema: S.ErrorBody },
    },
  },
  {
    method: "post",
    path: "/api/v1/campaigns",
    summary:
      "Rotate a Thales CA or chain on every connection of a program and environment (or a subset) with one cut-over: old and new stay in each customer's trust store until then. Production waits for a second, distinct staff member",
    roles: "THALES_DELIVERY, ADMIN",
    body: S.CampaignBody,
    responses: {
      201: {
        description: "Created: the campaign, its publication request PUBLISHED (PreProd) or PENDING (Production)",
        schema: z.object({ campaign: S.CampaignOut, findings: z.array(S.Finding) }),
      },
      401: common[401],
      404: { description: "Not Thales staff, or an unknown connection", schema: S.ErrorBody },
      413: { description: "Body too large", schema: S.ErrorBody },
      422: {
        description:
          "Invalid input, a kind without overlap, a connection of another program or environment, a past cut-over, or refused by validation (nothing stored)",
        schema: S.Rejected,
      },
    },
  },
  {
    method: "get",
    path: "/api/v1/campaigns/{id}",
    summary: "A rotation campaign, per connection: acknowledged or not, reminders sent, the newest endpoint check",
    roles: "THALES_DELIVERY, ADMIN",
    responses: {
      200: { description: "Campaign", schema: S.CampaignOut },
      ...common,
    },
  },
  {
    method: "post",
    path: "/api/v1/assets/{id}/withdraw",
    summary: "Withdraw the version waiting for review (the customer uploads again afterwards)",
    roles: "CUSTOMER",
    responses: {
      200: { description: "Withdrawn", schema: S.TransitionResult },
      403: { description: "Not a customer", schema: S.ErrorBody },
      409: { description: "No version of this asset can be withdrawn now", schema: S.ErrorBody },
      ...common,
    },
  },
  {
    method: "post",
    path: "/api/v1/assets/{id}/acknowledge",
    summary:
      "Acknowledge receipt of the newest published version of a Thales asset (e.g. the issued client certificate)",
    roles: "CUSTOMER",
    responses: {
      200: { description: "Acknowledged", schema: S.TransitionResult },
      403: { description: "Not a customer", schema: S.ErrorBody },
      409: { description: "Nothing published waits for acknowledgement", schema: S.ErrorBody },
      ...common,
    },
  },
  {
    method: "get",
    path: "/api/v1/ca-changes",
    summary:
      "Server CA changes announced by customers, still ahead or in their grace period, soonest first (Thales: all; a customer: its own)",
    roles: "all",
    responses: { 200: { description: "List (at most 500)", schema: S.CaChange.array() }, 401: common[401] },
  },
  {
    method: "post",
    path: "/api/v1/connections/{id}/ca-changes",
    summary:
      "Announce a server CA change: the new chain (and trust store) go through review; the old ones stay trusted until the change date plus the grace period",
    roles: "CUSTOMER",
    body: S.CaChangeBody,
    responses: {
      201: { description: "Announced; the new versions wait for review", schema: S.CaChangeCreated },
      403: { description: "Not a customer", schema: S.ErrorBody },
      422: {
        description: "Change date too early, a file missing, or refused by validation (nothing stored)",
        schema: S.CaChangeRejected.or(S.ErrorBody),
      },
      ...common,
    },
  },
  {
    method: "get",
    path: "/api/v1/review-queue",
    summary:
      "Customer versions waiting for Thales (review, or approved CSRs to sign with state=APPROVED), oldest first",
    roles: "THALES_DELIVERY",
    query: reviewQueueFilter,
    responses: {
      200: {
        description: "The queue's oldest 500 rows at most",
        schema: S.ReviewQueueItem.array(),
        headers: { "x-total-count": "How many rows the whole queue holds (more than the answer when over 500)" },
      },
      401: common[401],
      403: { description: "Not delivery", schema: S.ErrorBody },
      422: { description: "Invalid filter", schema: S.ErrorBody },
    },
  },
  {
    method: "post",
    path: "/api/v1/versions/{id}/decline-revocation",
    body: S.DeclineRevocationBody,
    roles: "THALES_DELIVERY",
    summary: "Decline a customer's revocation request, saying why: the certificate stays in force (ACKNOWLEDGED)",
    responses: {
      200: { description: "Declined", schema: S.DeclineRevocationResult },
      403: { description: "Not delivery", schema: S.ErrorBody },
      409: { description: "No revocation request pending", schema: S.ErrorBody },
      422: { description: "No explanation, or not JSON", schema: S.ErrorBody },
      ...common,
    },
  },
  {
    method: "get",
    path: "/api/v1/assets/{id}/download",
    summary:
      "A version of the asset as a file: ?version=<id> (any version the caller sees), else the version in force, else the newest",
    roles: "all",
    query: S.DownloadQuery,
    responses: {
      200: { description: "File, with Content-Disposition", contentType: "application/octet-stream" },
      409: { description: "The version is a revoked certificate", schema: S.ErrorBody },
      422: { description: "Unknown format or bad password", schema: S.ErrorBody },
      ...common,
    },
  },
  {
    method: "get",
    path: "/api/v1/notifications",
    summary: "The caller's own notifications, newest first (the same as the inbox page; never another user's)",
    roles: "all",
    query: S.NotificationsQuery,
    responses: {
      200: { description: "Notifications", schema: S.NotificationOut.array() },
      401: common[401],
      422: { description: "Invalid filter", schema: S.ErrorBody },
    },
  },
  {
    method: "post",
    path: "/api/v1/notifications/{id}/read",
    summary: "Mark one of the caller's notifications read",
    roles: "all",
    responses: { 200: { description: "Marked (count 0 if it was read already)", schema: S.MarkedRead }, ...common },
  },
  {
    method: "post",
    path: "/api/v1/notifications/read-all",
    summary: "Mark every unread notification of the caller read",
    roles: "all",
    responses: { 200: { description: "Marked", schema: S.MarkedRead }, 401: common[401] },
  },
  {
    method: "get",
    path: "/api/v1/search",
    summary:
      "Versions by certificate serial (hex, colons optional), SHA-256 fingerprint, subject text or identifier, newest first, 50 a page (Thales: every organization; customers: their own)",
    roles: "all",
    query: S.SearchQuery,
    responses: {
      200: { description: "One page of results (empty when nothing matches)", schema: S.SearchResults },
      401: common[401],
      422: { description: "Empty or too long query, or a bad page", schema: S.ErrorBody },
    },
  },
  {
    method: "post",
    path: "/api/v1/check",
    summary: "Pre-flight check, stores nothing; same JSON as portal-check --json",
    roles: "all",
    body: S.CheckBody,
    responses: {
      200: { description: "Verdict (a rejected file is still 200)", schema: S.CheckResult },
      401: common[401],
      413: { description: "Body too large", schema: S.ErrorBody },
      422: { description: "Malformed request", schema: S.ErrorBody },
    },
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    summary: "This document",
    roles: "anyone (no token needed)",
    responses: { 200: { description: "OpenAPI 3.1" } },
  },
];
