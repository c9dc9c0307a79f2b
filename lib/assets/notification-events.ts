import type { Environment, ExpiryStage, Program } from "@/lib/pki";
import { KINDS, isAssetKind, isCustomerKind, type AssetKind } from "./kinds";
import { ROLE_LABELS, isRole, type Role } from "./permissions";

/**
 * The notification catalogue (STYLE.md §14): every event someone must act on or know about, with who gets it,
 * the topic people subscribe to, what it says and the link to act on. The inbox, the e-mails, the webhooks,
 * the settings pages and the tests all derive from this table; nothing branches on an event name elsewhere.
 * Texts carry names, ids, dates and reasons only: never a secret or a certificate body.
 */
export const TOPICS = {
  review: {
    label: "Awaiting review",
    description: "Customer uploads and second approvals waiting for a Thales reviewer.",
  },
  decisions: { label: "Review decisions", description: "Approvals and rejections of what the organization uploaded." },
  certificates: { label: "Issued certificates", description: "Client certificates Thales signed from a CSR." },
  publications: {
    label: "Thales publications",
    description: "Material Thales publishes, and its acknowledgement by the customer.",
  },
  expiry: {
    label: "Certificate expiry",
    description: "Certificates in force reaching 90/60/30/14/7/1 days before expiry, and expired.",
  },
  approvals: {
    label: "Second approvals",
    description: "Publications and staff-role grants waiting for a second person.",
  },
  webhooks: { label: "Webhook health", description: "A webhook disabled after repeated failures; test events." },
  endpoints: {
    label: "Endpoint checks",
    description: "The daily check of the customer's endpoint changed its result.",
  },
  rotation: {
    label: "Rotations",
    description: "A renewal in force beside the old version, and the old one retired at its cut-over.",
  },
} as const;
export type Topic = keyof typeof TOPICS;
export const TOPIC_CODES = Object.keys(TOPICS) as Topic[];

/** Who an event is for: the users of the organization concerned, the Thales delivery team, or both. */
export type Audience = "CUSTOMER" | "THALES" | "BOTH";
export type Recipient = "CUSTOMER" | "THALES";

/** What an event carries: enough to name the object and link to it. */
export type EventPayload = {
  organizationName?: string;
  environment?: Environment;
  identifier?: string;
  program?: Program;
  connectionId?: string;
  kind?: AssetKind;
  versionId?: string;
  seq?: number;
  reason?: string;
  approvals?: number;
  required?: number;
  /** Expiry: the threshold, the certificate's subject and notAfter (ISO 8601), its SHA-256. */
  threshold?: ExpiryStage;
  certificateSubject?: string;
  notAfter?: string;
  sha256?: string;
  /** Second approvals (separation of duties): who asked, the publication request and how many connections it targets. */
  requestedBy?: string;
  publicationRequestId?: string;
  targets?: number;
  /** Renewal with overlap: the cut-over (ISO 8601) at which the old version left. */
  cutOver?: string;
  /** A customer's CA change notice: the day (ISO 8601) their endpoint serves the new chain. */
  changeAt?: string;
  /** Staff-role grants and webhook events. */
  userEmail?: string;
  role?: string;
  webhookUrl?: string;
  failures?: number;
};

export type Rendered = { subject: string; text: string; action: string; link: string };

export type EventInfo = {
  audience: Audience;
  topic: Topic;
  /** Short name for filters and webhook settings. */
  title: string;
  /** When it is emitted. */
  when: string;
  /** Thales-side roles that receive it (default: the delivery team). */
  thalesRoles?: readonly Role[];
  /** Subject line without the [ENV] identifier prefix, the body text, what to do, the path to act on. */
  render: (p: EventPayload, to: Recipient) => Omit<Rendered, "subject"> & { headline: string };
};

const kindLabel = (p: EventPayload) => (p.kind && isAssetKind(p.kind) ? KINDS[p.kind].label : "Asset");
const versionRef = (p: EventPayload) => `${kindLabel(p)}${p.seq ? ` v${p.seq}` : ""}`;
const where = (p: EventPayload) => [p.organizationName, p.identifier, p.environment].filter(Boolean).join(" · ");
const versionLink = (p: EventPayload) => (p.versionId ? `/versions/${p.versionId}` : connectionLink(p));
const day = (iso?: string) => (iso ? iso.slice(0, 10) : "the announced date");
/** " of 2027-03-01 12:00 UTC", or nothing when the payload has no cut-over. */
const cutOverText = (p: EventPayload) => (p.cutOver ? ` of ${p.cutOver.slice(0, 16).replace("T", " ")} UTC` : "");
const connectionLink = (p: EventPayload) => (p.connectionId ? `/connections/${p.connectionId}` : "/");

function expiryAction(p: EventPayload, to: Recipient): { action: string; link: string } {
  const customerKind = p.kind && isAssetKind(p.kind) && isCustomerKind(p.kind);
  if (customerKind && to === "CUSTOMER") {
    const upload =
      p.kind === "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN" ||
      p.kind === "CUSTOMER_TRUST_STORE" ||
      p.kind === "CUSTOMER_TLS_CLIENT_CERTIFICATE";
    return {
      action: upload
        ? `Upload the renewed ${kindLabel(p).toLowerCase()} before it expires; the new one is reviewed while the current one stays in force.`
        : "Upload the renewal before it expires.",
      link: p.connectionId && p.kind ? `/connections/${p.connectionId}/upload/${p.kind}` : connectionLink(p),
    };
  }
  if (p.kind === "ISSUED_TLS_CLIENT_CERTIFICATE") {
    return to === "CUSTOMER"
      ? {
          action:
            "Upload a new CSR for this connection: Thales signs it and the new certificate overlaps the current one.",
          link: p.connectionId ? `/connections/${p.connectionId}/upload/CUSTOMER_CSR` : "/",
        }
      : {
          action: "Expect a renewal CSR from the customer; sign it before the current certificate expires.",
          link: connectionLink(p),
        };
  }
  if (customerKind)
    return {
      action: "The customer must upload the renewal; review it before the current one expires.",
      link: connectionLink(p),
    };
  return to === "THALES"
    ? {
        action: `Publish the renewed ${kindLabel(p).toLowerCase()} to this connection before it expires.`,
        link: "/publish",
      }
    : {
        action: `Thales publishes a renewed ${kindLabel(p).toLowerCase()} before it expires: install it next to the current one when it arrives.`,
        link: connectionLink(p),
      };
}

export const NOTIFICATION_EVENTS = {
  "version.submitted": {
    audience: "THALES",
    topic: "review",
    title: "Version submitted",
    when: "A customer uploads a version for review.",
    render: (p) => ({
      headline: `${versionRef(p)} submitted for review`,
      text: `${where(p)}: ${versionRef(p)} was uploaded and waits for review.`,
      action: "Review it: approve or reject with a reason.",
      link: versionLink(p),
    }),
  },
  "version.first_approval": {
    audience: "THALES",
    topic: "review",
    title: "Second approval needed",
    when: "A Production version got its first of two approvals.",
    render: (p) => ({
      headline: `${versionRef(p)} needs a second approver`,
      text: `${where(p)}: ${versionRef(p)} has ${p.approvals ?? 1} of ${p.required ?? 2} approvals. Production needs a second, different reviewer.`,
      action: "Review it as the second approver.",
      link: versionLink(p),
    }),
  },
  "version.approved": {
    audience: "CUSTOMER",
    topic: "decisions",
    title: "Version approved",
    when: "A version got its last required approval.",
    render: (p) => ({
      headline: `${versionRef(p)} approved`,
      text: `${where(p)}: Thales approved ${versionRef(p)}. It is now in force.`,
      action:
        p.kind === "CUSTOMER_CSR"
          ? "Thales signs the certificate next; you are told when it is issued."
          : "Nothing to do.",
      link: versionLink(p),
    }),
  },
  "version.rejected": {
    audience: "CUSTOMER",
    topic: "decisions",
    title: "Version rejected",
    when: "A Thales reviewer rejects a version, with a reason.",
    render: (p) => ({
      headline: `${versionRef(p)} rejected`,
      text: `${where(p)}: Thales rejected ${versionRef(p)}. Reason: ${p.reason ?? "(none given)"}`,
      action: "Fix what the reason says and upload a new version.",
      link: p.connectionId && p.kind ? `/connections/${p.connectionId}/upload/${p.kind}` : versionLink(p),
    }),
  },
  "certificate.issued": {
    audience: "CUSTOMER",
    topic: "certificates",
    title: "Certificate issued",
    when: "Thales signs (or attaches) the client certificate for an approved CSR.",
    render: (p) => ({
      headline: "Client certificate issued",
      text: `${where(p)}: your mTLS client certificate was issued from your CSR.`,
      action: "Download it, install it with its key, then acknowledge it in the portal.",
      link: versionLink(p),
    }),
  },
  "certificate.revoked": {
    audience: "BOTH",
    topic: "certificates",
    title: "Certificate revoked",
    when: "Thales revokes an issued client certificate (RFC 5280 reason).",
    render: (p) => ({
      headline: `${versionRef(p)} revoked`,
      text: `${where(p)}: Thales revoked the client certificate ${versionRef(p)} (reason: ${p.reason ?? "unspecified"}). It is on the portal CRL and no longer in force.`,
      action: "Request a new certificate: upload a new CSR.",
      link: versionLink(p),
    }),
  },
  "certificate.revocation_requested": {
    audience: "THALES",
    topic: "certificates",
    title: "Revocation requested",
    when: "A customer asks Thales to revoke their client certificate.",
    render: (p) => ({
      headline: `Revocation of ${versionRef(p)} requested`,
      text: `${where(p)}: the customer asks to revoke ${versionRef(p)} (reason: ${p.reason ?? "unspecified"}).`,
      action: "Confirm the revocation on the version page.",
      link: versionLink(p),
    }),
  },
  "version.retired": {
    audience: "BOTH",
    topic: "rotation",
    title: "Old version retired",
    when: "The cut-over of a renewal passed: the old version leaves every export.",
    render: (p, to) => ({
      headline: `${versionRef(p)} retired at its cut-over`,
      text: `${where(p)}: the cut-over${cutOverText(p)} passed. ${versionRef(p)} is no longer in force; only its renewal is, in every trust store and download.`,
      action:
        to === "THALES"
          ? "Remove the old certificate from the backend if it was installed by hand."
          : "Remove the old certificate where you installed it.",
      link: connectionLink(p),
    }),
  },
  "ca_change.declared": {
    audience: "BOTH",
    topic: "rotation",
    title: "CA change announced",
    when: "A customer announces that their server chain changes on a date, with the new chain for review.",
    render: (p, to) => ({
      headline: `Server CA change announced for ${day(p.changeAt)}`,
      text: `${where(p)}: the customer's endpoint serves a new certificate chain from ${day(p.changeAt)}. Once approved, the Thales backend trusts the old and the new CAs until ${day(p.cutOver)}; then only the new ones.`,
      action:
        to === "THALES"
          ? "Review the new server chain and trust store before the change date."
          : "Nothing more to do: Thales reviews the new chain; switch your endpoint on the date you announced.",
      link: to === "THALES" ? "/ca-changes" : connectionLink(p),
    }),
  },
  "campaign.reminder": {
    audience: "CUSTOMER",
    topic: "rotation",
    title: "Rotation reminder",
    when: "A Thales rotation campaign's cut-over is 14, 7 or 1 day(s) away and the customer has not acknowledged the new CA.",
    render: (p) => ({
      headline: `Install ${versionRef(p)} before its cut-over`,
      text: `${where(p)}: Thales is rotating its ${kindLabel(p).toLowerCase()}. ${versionRef(p)} is in your trust-store export beside the current one; the current one leaves at the cut-over${cutOverText(p)}.`,
      action: "Install the new CA next to the current one, then acknowledge receipt on its page.",
      link: versionLink(p),
    }),
  },
  "certificate.revocation_declined": {
    audience: "CUSTOMER",
    topic: "certificates",
    title: "Revocation declined",
    when: "Thales declines a customer's revocation request.",
    render: (p) => ({
      headline: `Revocation of ${versionRef(p)} declined`,
      text: `${where(p)}: Thales declined to revoke ${versionRef(p)}: ${p.reason ?? "no reason given"}. The certificate stays in force.`,
      action: "Read the reason; contact Thales delivery if the key is compromised.",
      link: versionLink(p),
    }),
  },
  "asset.published": {
    audience: "CUSTOMER",
    topic: "publications",
    title: "Thales asset published",
    when: "Thales publishes material to a connection.",
    render: (p) => ({
      headline: `${kindLabel(p)} published`,
      text: `${where(p)}: Thales published a new ${kindLabel(p).toLowerCase()}.`,
      action: "Download and install it, then acknowledge it in the portal.",
      link: versionLink(p),
    }),
  },
  "publication.awaiting_approval": {
    // Every staff member who may approve a publication (asset:publish), except those the separation rules bar from
    // counting as the second person (the requester first of all): lib/server/assets/publish-asset.ts.
    audience: "THALES",
    topic: "approvals",
    title: "Publication awaiting second approval",
    thalesRoles: ["THALES_DELIVERY", "ADMIN"],
    when: "A Production publication waits for a second Thales person.",
    render: (p) => ({
      headline: `${kindLabel(p)} publication awaits a second approval`,
      text: `${where(p) || p.environment || "Production"}: ${p.requestedBy ?? "a colleague"} asks to publish the ${kindLabel(p).toLowerCase()} to ${p.targets ?? 1} connection${p.targets === 1 || p.targets === undefined ? "" : "s"}. Nothing is in force until a second, different person approves it.`,
      action: "Open the request, check what each customer's trust store gains and loses, then approve or refuse it.",
      link: p.publicationRequestId ? `/publish/requests/${p.publicationRequestId}` : "/publish/requests",
    }),
  },
  "version.acknowledged": {
    audience: "THALES",
    topic: "publications",
    title: "Publication acknowledged",
    when: "A customer acknowledges what Thales published.",
    render: (p) => ({
      headline: `${versionRef(p)} acknowledged`,
      text: `${where(p)}: the customer acknowledged ${versionRef(p)}.`,
      action: "Nothing to do.",
      link: versionLink(p),
    }),
  },
  "certificate.expiring": {
    audience: "BOTH",
    topic: "expiry",
    title: "Certificate expiring",
    when: "A certificate in force reaches 90/60/30/14/7/1 days before expiry, or expires.",
    render: (p, to) => {
      const expired = p.threshold === "expired";
      const when = p.threshold === 1 ? "tomorrow" : typeof p.threshold === "number" ? `in ${p.threshold} days` : "soon";
      const on = p.notAfter ? p.notAfter.slice(0, 10) : "?";
      return {
        headline: expired ? `${kindLabel(p)} expired` : `${kindLabel(p)} expires ${when}`,
        text: `${where(p)}: the certificate ${p.certificateSubject ?? ""} of ${versionRef(p)} ${expired ? "expired on" : "expires on"} ${on}${p.sha256 ? ` (SHA-256 ${p.sha256.slice(0, 16)}…)` : ""}.`,
        ...expiryAction(p, to),
      };
    },
  },
  "staff_grant.awaiting_approval": {
    // Every admin who may decide it, never the one who asked nor an account they created (lib/server/grants/grant-staff-role.ts).
    audience: "THALES",
    topic: "approvals",
    title: "Staff-role grant awaiting approval",
    thalesRoles: ["ADMIN"],
    when: "A Thales role grant waits for a second administrator.",
    render: (p) => ({
      headline: `Role grant for ${p.userEmail ?? "a user"} awaits approval`,
      text: `${p.requestedBy ?? "An administrator"} asks to grant the ${p.role && isRole(p.role) ? ROLE_LABELS[p.role] : (p.role ?? "staff")} role to ${p.userEmail ?? "a user"}. The account cannot act with it until a second administrator approves.`,
      action: "Approve or refuse the grant.",
      link: "/admin/users#staff-grants",
    }),
  },
  "endpoint.check_changed": {
    audience: "BOTH",
    topic: "endpoints",
    title: "Endpoint check changed",
    when: "The daily endpoint re-check's result differs from the previous check.",
    render: (p) => ({
      headline: "Endpoint check result changed",
      text: `${where(p)}: the daily check of the endpoint Thales calls changed: ${p.reason ?? "see the connection page"}.`,
      action: "Open the connection's endpoint check and fix what its findings say.",
      link: connectionLink(p),
    }),
  },
  "webhook.disabled": {
    audience: "CUSTOMER",
    topic: "webhooks",
    title: "Webhook disabled",
    when: "A webhook failed too many deliveries in a row and was turned off.",
    render: (p) => ({
      headline: "Webhook disabled after repeated failures",
      text: `The webhook ${p.webhookUrl ?? ""} failed ${p.failures ?? "several"} deliveries in a row and was disabled.`,
      action: "Fix the endpoint, then enable the webhook again and send a test event.",
      link: "/notifications/settings",
    }),
  },
  "webhook.test": {
    audience: "CUSTOMER",
    topic: "webhooks",
    title: "Test event",
    when: "Someone presses “send test event” on a webhook.",
    render: (p) => ({
      headline: "Test event",
      text: `A test event for ${p.webhookUrl ?? "your webhook"}.`,
      action: "Nothing to do.",
      link: "/notifications/settings",
    }),
  },
} as const satisfies Record<string, EventInfo>;

export type EventCode = keyof typeof NOTIFICATION_EVENTS;
export const EVENT_CODES = Object.keys(NOTIFICATION_EVENTS) as EventCode[];

export function isEventCode(value: string): value is EventCode {
  return value in NOTIFICATION_EVENTS;
}

export function thalesRolesFor(code: EventCode): readonly Role[] {
  const info: EventInfo = NOTIFICATION_EVENTS[code];
  return info.thalesRoles ?? ["THALES_DELIVERY"];
}

/** Events a recipient of this side may receive (for filters and webhook settings). */
export function eventsFor(side: Recipient): EventCode[] {
  return EVENT_CODES.filter((code) => {
    const { audience } = NOTIFICATION_EVENTS[code];
    return audience === "BOTH" || audience === side;
  });
}

/** Subject, text, what to do and link for one recipient side. The subject always names environment and identifier. */
export function renderEvent(code: EventCode, payload: EventPayload, to: Recipient): Rendered {
  const { headline, ...rest } = NOTIFICATION_EVENTS[code].render(payload, to);
  const prefix = [payload.environment ? `[${payload.environment}]` : "", payload.identifier ?? ""]
    .filter(Boolean)
    .join(" ");
  return { subject: prefix ? `${prefix} · ${headline}` : headline, ...rest };
}

/**
 * Expiry of a Production certificate in force cannot be silenced by e-mail settings: an unnoticed expiry is an
 * outage for both sides.
 */
export function isMandatoryEmail(code: EventCode, payload: EventPayload): boolean {
  return NOTIFICATION_EVENTS[code].topic === "expiry" && payload.environment === "PRD";
}
