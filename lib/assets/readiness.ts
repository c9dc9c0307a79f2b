import { BOARD_EXPIRY_DAYS, expiryStage, type BoardExpiryDays, type Environment, type Program } from "@/lib/pki";
import { KINDS, kindsFor, type AssetKind, type KindInfo } from "./kinds";
import type { VersionState } from "./lifecycle";

/** What the readiness board needs to know of one asset of a connection. */
export type AssetSnapshot = {
  kind: AssetKind;
  /** The version in force, if any. */
  current?: { state: VersionState; notAfter?: Date | null };
  /** The newest version, whatever its state (and Thales' reason when it is REJECTED). */
  latest?: { state: VersionState; rejectionReason?: string | null };
};

export type WaitingOn = "customer" | "thales" | "nobody";

/** "Who acts next" in the reader's wording: the customer is "you" to a customer, "the customer" to Thales. */
export const WAITING_LABELS: Record<"customer" | "thales", Record<WaitingOn, string>> = {
  customer: { customer: "Waiting on you", thales: "Waiting on Thales", nobody: "" },
  thales: { customer: "Waiting on the customer", thales: "Waiting on Thales (you)", nobody: "" },
};
/** The board's expiry flags, derived from the expiry thresholds of lib/pki/expiry.ts. */
export type ExpiryFlag = "expired" | `${BoardExpiryDays}-days`;
export const EXPIRY_FLAGS = [
  "expired",
  ...BOARD_EXPIRY_DAYS.map((d) => `${d}-days` as const),
] as const satisfies ExpiryFlag[];

export type ReadinessItem = {
  kind: AssetKind;
  label: string;
  required: boolean;
  done: boolean;
  waitingOn: WaitingOn;
  /** One sentence saying what happens next, for the person who must act. */
  next: string;
  /** Thales' reason when the newest version was rejected: the board shows it beside the next action. */
  reason?: string;
  state?: VersionState;
  expiry?: ExpiryFlag;
};

export type Readiness = {
  items: ReadinessItem[];
  done: number;
  required: number;
  percent: number;
  waitingOnCustomer: number;
  waitingOnThales: number;
};

export function expiryFlag(notAfter: Date | null | undefined, now: Date): ExpiryFlag | undefined {
  if (!notAfter) return undefined;
  const stage = expiryStage(notAfter, now, BOARD_EXPIRY_DAYS);
  return stage === undefined ? undefined : stage === "expired" ? "expired" : `${stage}-days`;
}

type ItemStatus = Omit<ReadinessItem, "kind" | "label" | "required" | "expiry">;

/** Who acts next and what they do (done when nobody has to), the version's state, and Thales' reason if any. */
function status(waitingOn: WaitingOn, next: string, state?: VersionState, reason?: string): ItemStatus {
  return { done: waitingOn === "nobody", waitingOn, next, state, ...(reason !== undefined ? { reason } : {}) };
}

function customerItem(info: KindInfo, asset: AssetSnapshot | undefined): ItemStatus {
  const latest = asset?.latest?.state;
  const current = asset?.current?.state;
  if (latest === "SUBMITTED" || latest === "IN_REVIEW")
    return status(
      "thales",
      latest === "IN_REVIEW" ? "Waiting for a second Thales approver." : "Waiting for Thales review.",
      latest,
    );
  if (info.issuedAs && current === "APPROVED")
    return status("thales", "Approved: waiting for Thales to sign the certificate.", current);
  const reason = latest === "REJECTED" ? (asset?.latest?.rejectionReason ?? undefined) : undefined;
  if (current && reason !== undefined)
    return status(
      "nobody",
      "In force; your newest upload was rejected: fix it and upload again to replace this one.",
      current,
      reason,
    );
  if (current) return status("nobody", "Done.", current);
  if (latest === "REJECTED")
    return status("customer", "Rejected: fix what the reason says and upload again.", latest, reason);
  return status("customer", "Upload it.", latest);
}

/**
 * The states of a Thales-published version in force with which Thales has nothing left to do: the customer installs
 * and acknowledges it (PUBLISHED) or has (ACKNOWLEDGED). Any other line of a published kind waits on Thales, and so
 * does one whose version in force expired (readinessItem). listLackingPublications reads only lines outside this set.
 */
export const SETTLED_PUBLICATION_STATES = ["PUBLISHED", "ACKNOWLEDGED"] as const satisfies readonly VersionState[];

function thalesItem(info: KindInfo, asset: AssetSnapshot | undefined): ItemStatus {
  const current = asset?.current?.state;
  if (current === "ACKNOWLEDGED") return status("nobody", "Done.", current);
  if (current === "PUBLISHED") return status("customer", "Download it, install it, then acknowledge receipt.", current);
  return status(
    "thales",
    info.providedBy === "thales-issue"
      ? "Thales signs it once your CSR is approved."
      : "Waiting for Thales to publish it.",
  );
}

/**
 * One line of a connection's checklist: whether the asset of this kind is done, who must act next, its expiry flag.
 * The trust store counts as required only when the server chain needs one.
 */
export function readinessItem(
  info: KindInfo,
  asset: AssetSnapshot | undefined,
  options: { now: Date; trustStoreNeeded: boolean },
): ReadinessItem {
  const required = info.required === "if-trust-store-needed" ? options.trustStoreNeeded : info.required;
  const base = info.direction === "CUSTOMER_TO_THALES" ? customerItem(info, asset) : thalesItem(info, asset);
  const expiry = expiryFlag(asset?.current?.notAfter, options.now);
  const expired = expiry === "expired";
  const item: ReadinessItem = { kind: info.kind, label: KINDS[info.kind].label, required, ...base, expiry };
  if (expired)
    return {
      ...item,
      done: false,
      waitingOn: info.direction === "CUSTOMER_TO_THALES" ? "customer" : "thales",
      next: "Expired: a new one is needed.",
    };
  if (!required && !base.done && base.waitingOn === "customer")
    return {
      ...item,
      waitingOn: "nobody",
      next: "Only needed when your server chain neither ends in a Mozilla-trusted root nor carries its own root CA.",
    };
  return item;
}

/**
 * Whether a checklist line waits on Thales to publish its kind (the publish page's "connections without a Thales
 * asset"). A Thales-published line reads only the version in force (state and expiry), never the trust-store
 * question, which only turns a customer's line into nobody's: so it is judged from that version alone.
 */
export function lacksPublication(item: ReadinessItem): boolean {
  return KINDS[item.kind].providedBy === "thales-publish" && !item.done && item.waitingOn === "thales";
}

/**
 * The go-live checklist of one connection: every asset its program needs, whether it is done, who must
 * act next, and expiry flags (readinessItem).
 */
export function readiness(
  program: Program,
  _environment: Environment,
  assets: AssetSnapshot[],
  options: { now: Date; trustStoreNeeded: boolean },
): Readiness {
  const byKind = new Map(assets.map((a) => [a.kind, a]));
  const items = kindsFor(program).map((info) => readinessItem(info, byKind.get(info.kind), options));
  const requiredItems = items.filter((i) => i.required);
  const done = requiredItems.filter((i) => i.done).length;
  return {
    items,
    done,
    required: requiredItems.length,
    percent: requiredItems.length ? Math.round((100 * done) / requiredItems.length) : 100,
    waitingOnCustomer: items.filter((i) => i.waitingOn === "customer").length,
    waitingOnThales: items.filter((i) => i.waitingOn === "thales").length,
  };
}
