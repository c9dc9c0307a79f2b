"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { decidePublication } from "@/lib/server/publications/decide-publication";
import { actionFailure, requestOrigin, type ActionState } from "@/app/_lib/request";

const input = z.object({
  requestId: z.string().min(1).max(100),
  decision: z.enum(["APPROVE", "REFUSE"]),
  reason: z.string().max(2000).optional(),
});

/** A second person approves (puts in force) or refuses a Production publication; the service decides who may. */
export async function decidePublicationAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = input.safeParse({
    requestId: form.get("requestId"),
    decision: form.get("decision"),
    reason: form.get("reason") ?? undefined,
  });
  if (!parsed.success) return { ok: false, message: "Invalid request." };
  try {
    const result = await decidePublication({
      db: getDb(),
      actor: await requireUser(),
      ...parsed.data,
      origin: await requestOrigin(),
    });
    revalidatePath(`/publish/requests/${parsed.data.requestId}`);
    revalidatePath("/publish/requests");
    return {
      ok: true,
      message:
        result.state === "PUBLISHED"
          ? `Approved: in force on ${result.versionIds.length} connection(s).`
          : "Refused: nothing was published.",
    };
  } catch (error) {
    return actionFailure(error);
  }
}
