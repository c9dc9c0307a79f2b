import { STATE_LABELS, type VersionState } from "@/lib/assets/lifecycle";

const COLORS: Record<VersionState, string> = {
  SUBMITTED: "bg-sky-100 text-sky-900",
  IN_REVIEW: "bg-indigo-100 text-indigo-900",
  APPROVED: "bg-green-100 text-green-900",
  REJECTED: "bg-red-100 text-red-900",
  ISSUED: "bg-green-100 text-green-900",
  SUPERSEDED: "bg-slate-100 text-slate-600",
  WITHDRAWN: "bg-slate-100 text-slate-600",
  PUBLISHED: "bg-violet-100 text-violet-900",
  ACKNOWLEDGED: "bg-green-100 text-green-900",
  REVOCATION_REQUESTED: "bg-amber-100 text-amber-900",
  REVOKED: "bg-red-100 text-red-900",
  RETIRING: "bg-amber-100 text-amber-900",
};

export function StateBadge({ state }: { state: VersionState }) {
  return (
    <span
      data-testid="state"
      data-state={state}
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${COLORS[state]}`}
    >
      {STATE_LABELS[state]}
    </span>
  );
}
