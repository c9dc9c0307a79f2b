"use server";
import { decidePublication } from "@/lib/server/publications/decide-publication";
import type { ActionState } from "@/app/_lib/request";
import { audited, invalidRequest, parseDecision, revalidatedAfter } from "@/app/_lib/action";

/** A second person approves (puts in force) or refuses a Production publication; the service decides who may. */
export async function decidePublicationAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseDecision(form, "requestId");
  if (!parsed.success) return invalidRequest();
  const { id: requestId, ...decision } = parsed.data;
  return revalidatedAfter([`/publish/requests/${requestId}`, "/publish/requests"], async () => {
    const result = await decidePublication({ ...(await audited()), requestId, ...decision });
    return result.state === "PUBLISHED"
      ? `Approved: in force on ${result.versionIds.length} connection(s).`
      : "Refused: nothing was published.";
  });
}
