import "server-only";
import { z } from "zod";
import { ENVIRONMENTS, PROGRAMS, REVOCATION_REASONS, TRUST_STORE_FORMATS, type RevocationReason } from "@/lib/pki";
import { ASSET_KINDS, CAMPAIGN_KINDS, CUSTOMER_FILE_KINDS, CUSTOMER_HOST_KINDS, DIRECTIONS } from "@/lib/assets/kinds";
import { DOWNLOAD_FORMATS } from "@/lib/assets/download-formats";
import { STATES } from "@/lib/assets/lifecycle";
import { ASSET_VERSIONS_PAGE_MAX, ASSET_VERSIONS_PAGE_SIZE } from "../assets/get-asset";
import { EXPIRY_FLAGS } from "@/lib/assets/readiness";
import { PUBLICATION_STATES } from "@/lib/assets/publication";
import { TOPIC_CODES } from "@/lib/assets/notification-events";
import { CA_CHANGE_KINDS, CA_CHANGE_STATUS_LABELS, type CaChangeStatus } from "@/lib/assets/ca-change";

/**
 * The REST API's shapes, once: handlers parse with them and /api/v1/openapi.json is generated from them,
 * so the description cannot drift from what the code accepts.
 */
export const Finding = z.object({
  severity: z.enum(["error", "warning", "info"]),
  code: z.string().meta({ description: "UPPER_SNAKE identifier of the rule" }),
  message: z.string(),
  hint: z.string().optional().meta({ description: "How to fix it, e.g. the corrected openssl -subj" }),
});

/** The one openssl command that fixes every finding of a client credential (lib/pki/fix-command.ts). */
export const FixOut = z
  .object({
    command: z.string().meta({ description: "Shell command(s), one per line; fill in every <…> placeholder" }),
    notes: z.array(z.string()).meta({ description: "How to read the command: placeholders, escapes, what to upload" }),
  })
  .meta({ description: "Client credentials with findings: one command that makes a credential without them" });

export const ReadinessItem = z.object({
  kind: z.enum(ASSET_KINDS),
  label: z.string(),
  required: z.boolean(),
  done: z.boolean(),
  waitingOn: z.enum(["customer", "thales", "nobody"]),
  next: z.string(),
  reason: z.string().optional().meta({ description: "Thales' reason when the newest version was rejected" }),
  state: z.enum(STATES).optional(),
  expiry: z.enum(EXPIRY_FLAGS).optional(),
});

export const Connection = z.object({
  id: z.string(),
  organization: z.string(),
  program: z.enum(PROGRAMS),
  identifier: z.string(),
  environment: z.enum(ENVIRONMENTS),
  expectedCn: z.string().nullable(),
  readiness: z.object({
    done: z.number().int(),
    required: z.number().int(),
    percent: z.number().int(),
    items: z.array(ReadinessItem),
  }),
  crossChecks: z.array(Finding).meta({
    description:
      "Cross-checks of the versions in play: the server chain covers ISSUER_HOST, the trust store anchors the chain (CROSS_* warnings)",
  }),
  endpointCheck: z
    .object({
      verdict: z.enum(["passed", "warnings", "failed"]),
      checkedAt: z.string(),
      trigger: z.enum(["manual", "scheduled"]),
    })
    .nullable()
    .meta({
      description: "The newest endpoint check (details: GET /api/v1/connections/{id}/probes); null when never checked",
    }),
});

export const VersionSummary = z.object({
  id: z.string(),
  seq: z.number().int(),
  state: z.enum(STATES),
  createdAt: z.string(),
  sha256: z.string(),
  notAfter: z.string().nullable(),
});

export const AssetSummary = z.object({
  id: z.string(),
  kind: z.enum(ASSET_KINDS),
  direction: z.enum(DIRECTIONS),
  state: z.enum(STATES).nullable().meta({ description: "State of the newest version" }),
  currentVersion: VersionSummary.nullable().meta({ description: "The version in force, if any" }),
});

export const CertificateOut = z.object({
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  sha256: z.string(),
  role: z.enum(["leaf", "intermediate", "root"]),
});

export const VersionDetail = VersionSummary.extend({
  uploadedBy: z.string(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  basePath: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  findings: z.array(Finding),
  found: z.string().optional(),
  certificates: z.array(CertificateOut),
  csr: z.object({ subject: z.string(), publicKey: z.string(), signatureAlgorithm: z.string() }).optional(),
  reviews: z.array(
    z.object({
      reviewer: z.string(),
      decision: z.enum(["APPROVE", "REJECT"]),
      reason: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});

export const InForceVersion = z.object({
  id: z.string(),
  notAfter: z.string().nullable(),
  retireAt: z.string().nullable().meta({
    description: "When this version leaves force during a renewal's overlap (null: when it expires or is replaced)",
  }),
});

export const AssetDetail = AssetSummary.extend({
  connectionId: z.string(),
  inForce: z
    .array(InForceVersion)
    .meta({ description: "Every version in force, newest first (download one with ?version=<id>)" }),
  versions: z.array(VersionDetail).meta({
    description: "One page of versions, newest first (?limit=); the Link header names the next page of older ones",
  }),
  history: z
    .array(
      z.object({
        at: z.string(),
        action: z.string(),
        actor: z.string().nullable(),
        versionId: z.string().nullable(),
        before: z.unknown(),
        after: z.unknown(),
      }),
    )
    .meta({ description: "The newest 200 audit events of this page's versions, oldest first" }),
  historyTruncated: z.boolean().meta({
    description:
      "True when this page's versions have older audit events than `history` holds (the audit page lists them)",
  }),
});

export const UploadBody = z.union([
  z.object({
    kind: z.enum(CUSTOMER_FILE_KINDS),
    content: z.string().min(1).meta({ description: "PEM text or base64 DER (PKCS#7 accepted)" }),
    filename: z.string().max(255).optional(),
    acceptWarnings: z
      .boolean()
      .default(false)
      .meta({ description: "Store despite warnings (the UI asks for the same confirmation)" }),
    cutOverAt: z.iso.datetime({ offset: true }).optional().meta({
      description:
        "Renewal with overlap: when the version in force now is retired (both are in force until then). From now on; default: when the version in force expires. Only for kinds that overlap (certificates, CSRs, CA chains)",
    }),
  }),
  z.object({
    kind: z.enum(CUSTOMER_HOST_KINDS),
    host: z.string().max(300),
    port: z.union([z.literal(443), z.literal(8443)]).default(443),
    acceptWarnings: z.boolean().default(false),
  }),
]);

export const UploadCreated = z.object({ asset: AssetSummary, version: VersionSummary, findings: z.array(Finding) });
export const Rejected = z.object({
  verdict: z.enum(["rejected", "needs-confirmation"]),
  findings: z.array(Finding),
  fix: FixOut.optional(),
});

export const RejectBody = z.object({ reason: z.string().min(3).max(2000) });
/** What a route taking a reason (RejectBody, RefuseBody) answers to a body without one: how to write it. */
export const REASON_INVALID = 'Give a reason of 3 to 2000 characters: { "reason": "…" }.';
export const TransitionResult = z.object({ asset: AssetSummary, versionId: z.string(), state: z.enum(STATES) });
export const RevokeBody = z.object({
  reason: z.enum(Object.keys(REVOCATION_REASONS) as [RevocationReason, ...RevocationReason[]]).optional(),
});
export const DeclineRevocationBody = z.object({
  explanation: z.string().min(3).max(2000).meta({ description: "Why Thales declines, shown to the customer" }),
});
export const DeclineRevocationResult = z.object({
  versionId: z.string(),
  state: z.enum(STATES),
  explanation: z.string(),
});
export const RevokeResult = z.object({
  versionId: z.string(),
  state: z.enum(["REVOKED", "REVOCATION_REQUESTED"]),
  serialNumber: z.string(),
  reason: z.string(),
  crlNumber: z.number().int().optional(),
  crl: z.string().optional(),
});
export const IssueResult = TransitionResult.extend({
  certificateAssetId: z.string(),
  certificateVersionId: z.string(),
  serialNumber: z.string(),
});

export const CheckBody = z.object({
  program: z.enum(PROGRAMS),
  environment: z.enum(ENVIRONMENTS),
  identifier: z.string().min(1).max(64),
  kind: z.enum(CUSTOMER_FILE_KINDS),
  content: z.string().min(1),
  expectedCn: z.string().max(200).optional(),
  trustAnchors: z.string().min(1).optional().meta({
    description: "PEM CA certificates to anchor in instead of the Mozilla store (as portal-check --trust-anchors)",
  }),
  host: z.string().min(1).max(255).optional().meta({
    description:
      "Host name or IP address Thales calls; the server certificate must be valid for it (RFC 6125, as portal-check --host)",
  }),
});
export const CheckResult = z.object({
  verdict: z.enum(["accepted", "rejected"]),
  found: z.string(),
  findings: z.array(Finding),
  certificates: z.array(CertificateOut),
  csr: z.object({ subject: z.string(), publicKey: z.string(), signatureAlgorithm: z.string() }).optional(),
  path: z
    .array(z.object({ sha256: z.string(), subject: z.string(), source: z.enum(["upload", "trust-anchors"]) }))
    .optional()
    .meta({ description: "Server chains and trust stores: the validated path, leaf first" }),
  fix: FixOut.optional(),
});

export const ErrorBody = z.object({ error: z.string(), message: z.string() });
const TrustStorePassword = z.string().optional().meta({
  description: "Password of a p12 or jks file (6 to 128 characters; default changeit). It protects integrity only.",
});
export const DownloadQuery = z.object({
  version: z.string().min(1).max(100).optional().meta({
    description: "Id of a version of this asset the caller may see (default: the version in force, else the newest)",
  }),
  // Every format a file kind can take (hosts come as text whatever is asked).
  format: z.enum(DOWNLOAD_FORMATS.filter((f) => f !== "txt")).default("pem"),
  password: TrustStorePassword,
});
export const TrustStoreQuery = z.object({
  format: z.enum(TRUST_STORE_FORMATS).default("pem"),
  audience: z
    .enum(["customer", "thales-backend"])
    .optional()
    .meta({ description: "Whose trust: the customer's, or the Thales backend's (Thales staff only); default by role" }),
  password: TrustStorePassword,
});
/** 100 connections a page by default, like the API's other lists: ~165 kB of JSON and ~10 ms of server CPU at the
 * bench's 10,000-asset seed, where the 500 it was cost 40–60 ms a page and ten Thales callers at once queued past a
 * second (issue 16). A caller who wants fewer round trips asks for up to 1,000 with `limit`. */
export const CONNECTIONS_PAGE_SIZE = 100;

/** GET /api/v1/search: the query the page and the CSV export parse with too (lib/server/search/search-versions.ts). */
export { searchQuery as SearchQuery } from "../search/search-versions";
export const SearchHit = z.object({
  versionId: z.string(),
  connectionId: z.string(),
  organization: z.string(),
  program: z.enum(PROGRAMS),
  identifier: z.string(),
  environment: z.enum(ENVIRONMENTS),
  kind: z.enum(ASSET_KINDS),
  kindLabel: z.string(),
  seq: z.number().int(),
  state: z.enum(STATES),
  subject: z.string().nullable().meta({ description: "Subject DN (RFC 4514) of the certificate or CSR" }),
  serial: z.string().nullable().meta({ description: "Serial of the version's (first) certificate, upper-case hex" }),
  sha256: z.string().meta({ description: "SHA-256 of the leaf certificate or CSR DER (hex), or of the host" }),
  host: z.string().nullable(),
  notAfter: z.string().nullable(),
  createdAt: z.string(),
});
export const SearchResults = z.object({
  query: z.string(),
  page: z.number().int(),
  hasMore: z.boolean().meta({ description: "Another page follows (page + 1)" }),
  items: SearchHit.array(),
});

export const AssetQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(ASSET_VERSIONS_PAGE_MAX)
    .default(ASSET_VERSIONS_PAGE_SIZE)
    .meta({
      description: `Versions per page, newest first (default ${ASSET_VERSIONS_PAGE_SIZE}); older ones are in the Link header's next page`,
    }),
  cursor: z
    .string()
    .max(1000)
    .optional()
    .meta({ description: 'Where the page starts: copy it from the previous answer\'s `Link: <…>; rel="next"`' }),
});

export const ConnectionsQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(CONNECTIONS_PAGE_SIZE)
    .meta({ description: `Page size (default ${CONNECTIONS_PAGE_SIZE}); the next page is in the Link header` }),
  cursor: z
    .string()
    .max(1000)
    .optional()
    .meta({ description: 'Where the page starts: copy it from the previous answer\'s `Link: <…>; rel="next"`' }),
  program: z.enum(PROGRAMS).optional(),
  environment: z.enum(ENVIRONMENTS).optional(),
});

export const ReviewQueueItem = z.object({
  id: z.string().meta({ description: "Version id (approve, reject and issue act on its asset)" }),
  assetId: z.string(),
  seq: z.number().int(),
  state: z.enum(STATES),
  kind: z.enum(ASSET_KINDS),
  createdAt: z.string(),
  ageDays: z.number().int(),
  uploadedBy: z.string(),
  approvals: z.array(z.string()),
  connectionId: z.string(),
  program: z.enum(PROGRAMS),
  environment: z.enum(ENVIRONMENTS),
  identifier: z.string(),
  organization: z.object({ id: z.string(), name: z.string() }),
});

export const ProbeBody = z.object({
  port: z
    .number()
    .int()
    .min(1)
    .max(65535)
    .optional()
    .meta({ description: "Lab/test mode only (PORTAL_PROBE_ALLOW set): probe this port on allow-listed addresses" }),
});
const ServedCertificate = z.object({
  subject: z.string(),
  issuer: z.string(),
  sha256: z.string(),
  notAfter: z.string(),
});
const Handshake = z.object({
  address: z.string(),
  tlsVersions: z.array(z.string()),
  servedChain: z.array(ServedCertificate),
  clientCertificateRequested: z.boolean().nullable(),
  clientCertificateRequired: z.boolean().nullable(),
  acceptableCaNames: z
    .array(z.string())
    .nullable()
    .meta({ description: "RFC 4514 names from the CertificateRequest; null when unreadable" }),
  mutualHandshake: z.object({ ok: z.boolean(), error: z.string().optional() }).optional(),
});
export const ProbeResultOut = z.object({
  id: z.string(),
  verdict: z.enum(["passed", "warnings", "failed"]),
  host: z.string(),
  port: z.number(),
  checkedAt: z.string(),
  findings: z.array(Finding),
  handshake: Handshake.nullable(),
  addresses: z.array(
    Handshake.extend({ refused: z.string().optional(), reachable: z.boolean(), error: z.string().optional() }),
  ),
});
export const ProbeHistory = ProbeResultOut.extend({
  trigger: z.enum(["manual", "scheduled"]),
  createdAt: z.string(),
}).array();
// ── Publication requests (lib/assets/publication.ts): PreProd in force at once, Production after a second person ──
const PUBLISHED_CA_KINDS = [
  "THALES_CLIENT_CA",
  "TSH_TLS_CLIENT_CERTIFICATE",
  "D1_SERVER_CA_BUNDLE",
  "TSH_TLS_SERVER_CERTIFICATE_CHAIN",
] as const;
const PUBLISHED_HOST_KINDS = ["D1_INBOUND_HOST", "TSH_INBOUND_HOST"] as const;
const Targets = z
  .array(z.string().min(1).max(100))
  .min(1)
  .max(500)
  .meta({ description: "Connection ids, all of one environment; none is implied" });

export const PublicationBody = z.union([
  z.object({
    kind: z.enum(PUBLISHED_CA_KINDS),
    connectionIds: Targets,
    content: z.string().min(1).meta({ description: "PEM text or base64 DER (PKCS#7 accepted)" }),
    filename: z.string().max(255).optional(),
    cutOverAt: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({
        description:
          "When the CA each connection has in force leaves its trust store (both are in force until then). " +
          "Default: 30 days after publication, or the old certificate's expiry if sooner",
      }),
    acceptWarnings: z
      .boolean()
      .default(false)
      .meta({ description: "Go ahead despite warnings (the UI shows them on its confirmation step)" }),
  }),
  z.object({
    kind: z.enum(PUBLISHED_HOST_KINDS),
    connectionIds: Targets,
    host: z.string().max(300),
    basePath: z.string().max(300).default("/"),
    acceptWarnings: z.boolean().default(false),
  }),
]);

export const TrustAnchorOut = z.object({
  cn: z.string(),
  subject: z.string(),
  serialNumber: z.string(),
  sha256: z.string(),
  notAfter: z.string(),
});
export const PublicationTargetOut = z.object({
  connectionId: z.string(),
  organization: z.string(),
  identifier: z.string(),
  program: z.enum(PROGRAMS),
  environment: z.enum(ENVIRONMENTS),
  versionId: z.string().nullable().meta({ description: "The version it created, once published" }),
  trustStore: z
    .object({ added: z.array(TrustAnchorOut), removed: z.array(TrustAnchorOut), kept: z.number().int() })
    .nullable()
    .meta({ description: "While pending: what the customer's trust-store export would gain and lose if approved now" }),
  retiring: z
    .object({ certificates: z.array(TrustAnchorOut), until: z.string() })
    .nullable()
    .meta({
      description:
        "While pending, kinds with overlap: the certificates in force now that stay in the export beside the new one until `until`, then leave",
    }),
  host: z.object({ before: z.string().nullable(), after: z.string() }).nullable(),
});
/** What a publication request's detail and its line in the list both say (one shape, so they cannot drift). */
const publicationRequestFields = {
  id: z.string(),
  kind: z.enum(ASSET_KINDS),
  environment: z.enum(ENVIRONMENTS),
  state: z.enum(PUBLICATION_STATES),
  sha256: z.string(),
  requestedBy: z.string(),
  createdAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
};
export const PublicationRequestOut = z.object({
  ...publicationRequestFields,
  findings: z.array(Finding),
  certificates: z.array(
    z.object({ subject: z.string(), serialNumber: z.string(), sha256: z.string(), notAfter: z.string() }),
  ),
  host: z.string().nullable(),
  basePath: z.string().nullable(),
  cutOverAt: z
    .string()
    .nullable()
    .meta({ description: "The chosen cut-over of the CAs it replaces (null: the default, 30 days after publication)" }),
  targets: z.array(PublicationTargetOut),
  approvalBlockedBecause: z
    .string()
    .nullable()
    .meta({ description: "Why the caller may not approve it (separation of duties), or null" }),
});
export const PublicationSummaryOut = z.object({
  ...publicationRequestFields,
  targets: z.number().int(),
});
export const PublicationsQuery = z.object({
  state: z.enum([...PUBLICATION_STATES, "ALL"]).default("PENDING"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const RefuseBody = z.object({ reason: z.string().min(3).max(2000) });

/** A customer's server CA change notice (issue 12 item 3). */
export const CaChangeBody = z.object({
  changeAt: z.iso.datetime({ offset: true }).or(z.iso.date()).meta({
    description: "When the endpoint serves the new chain (ISO 8601; at least PORTAL_CA_CHANGE_NOTICE_DAYS ahead)",
  }),
  uploads: z
    .array(
      z.object({
        kind: z.enum(CA_CHANGE_KINDS as [string, ...string[]]),
        content: z.string().min(1).meta({ description: "PEM text or base64 DER" }),
        filename: z.string().max(255).optional(),
      }),
    )
    .min(1)
    .max(CA_CHANGE_KINDS.length)
    .meta({ description: "The new server chain (required) and, for a private CA, the new trust store" }),
  acceptWarnings: z.boolean().default(false),
});

export const CaChange = z.object({
  id: z.string(),
  organization: z.object({ id: z.string(), name: z.string() }),
  connectionId: z.string(),
  identifier: z.string(),
  program: z.enum(PROGRAMS),
  environment: z.enum(ENVIRONMENTS),
  changeAt: z.string(),
  retireAt: z.string().meta({ description: "Change date plus the grace period: the old anchors leave then" }),
  status: z.enum(Object.keys(CA_CHANGE_STATUS_LABELS) as [CaChangeStatus, ...CaChangeStatus[]]),
  versions: z.array(
    z.object({ id: z.string(), kind: z.enum(ASSET_KINDS), seq: z.number().int(), state: z.enum(STATES) }),
  ),
  createdAt: z.string(),
});

export const CaChangeCreated = z.object({
  id: z.string(),
  retireAt: z.string(),
  versions: z.array(z.object({ kind: z.enum(ASSET_KINDS), versionId: z.string() })),
});
export const CaChangeRejected = z.object({
  verdict: z.enum(["rejected", "needs-confirmation"]),
  results: z.array(z.object({ kind: z.enum(ASSET_KINDS), findings: z.array(Finding) })),
});
// ── Rotation campaigns (lib/server/campaigns/): one publication request to many connections, one cut-over ──
export const CampaignBody = z.object({
  kind: z.enum(CAMPAIGN_KINDS).meta({ description: "A Thales CA or chain that renews with overlap" }),
  program: z.enum(PROGRAMS),
  environment: z.enum(ENVIRONMENTS),
  connectionIds: z
    .array(z.string().min(1).max(100))
    .max(500)
    .optional()
    .meta({ description: "A subset of the program's connections in that environment; absent or empty: all of them" }),
  content: z.string().min(1).meta({ description: "PEM text or base64 DER (PKCS#7 accepted)" }),
  filename: z.string().max(255).optional(),
  cutOverAt: z.iso.datetime({ offset: true }).optional().meta({
    description:
      "When each connection's current CA leaves its trust store (old and new are in force until then). Default: 30 days from now",
  }),
  acceptWarnings: z.boolean().default(false),
});
export const CampaignSummaryOut = z.object({
  id: z.string(),
  kind: z.enum(ASSET_KINDS),
  program: z.enum(PROGRAMS),
  environment: z.enum(ENVIRONMENTS),
  cutOverAt: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  publicationRequestId: z.string(),
  state: z
    .enum(PUBLICATION_STATES)
    .meta({ description: "Its publication request's state (PRD: PENDING until a second person approves)" }),
  connections: z.number().int(),
  acknowledged: z.number().int(),
});
export const CampaignOut = CampaignSummaryOut.extend({
  connections: z.array(
    z.object({
      connectionId: z.string(),
      organization: z.string(),
      identifier: z.string(),
      versionId: z.string().nullable(),
      versionState: z.enum(STATES).nullable(),
      acknowledgedAt: z.string().nullable(),
      reminders: z
        .number()
        .int()
        .meta({ description: "Reminders sent to the customer (14/7/1 days before the cut-over)" }),
      endpointCheck: z
        .object({ verdict: z.enum(["passed", "warnings", "failed"]), checkedAt: z.string() })
        .nullable()
        .meta({ description: "The connection's newest endpoint check, if any" }),
    }),
  ),
});
export const CampaignsQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

export const NotificationsQuery = z.object({
  topic: z.enum(TOPIC_CODES).optional().meta({ description: "Only this topic (the inbox's chips)" }),
  unread: z.enum(["true", "false"]).optional().meta({ description: "true: only the unread ones" }),
  limit: z.coerce.number().int().min(1).max(500).default(100).meta({ description: "At most this many, newest first" }),
});
export const NotificationOut = z.object({
  id: z.string(),
  type: z.string().meta({ description: "Event code (lib/assets/notification-events.ts lists them)" }),
  topic: z.enum(TOPIC_CODES),
  subject: z.string(),
  text: z.string(),
  action: z.string().meta({ description: "What the reader is asked to do, if anything" }),
  link: z.string().meta({ description: "Path of the object it is about, relative to the portal's URL" }),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const MarkedRead = z.object({
  count: z.number().int().meta({ description: "How many were newly marked read" }),
});
