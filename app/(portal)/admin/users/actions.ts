"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { createUser, createUserInput } from "@/lib/server/users/create-user";
import { setUserDisabled } from "@/lib/server/users/set-user-disabled";
import { changeUserRole, changeUserRoleInput } from "@/lib/server/grants/change-user-role";
import { decideStaffGrant } from "@/lib/server/grants/decide-staff-grant";
import { actionFailure, refusedQuietly, requestOrigin, type ActionState } from "@/app/_lib/request";

export async function createUserAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = createUserInput.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return {
      ok: false,
      message: "Check the highlighted fields.",
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
    };
  try {
    const actor = await requireUser();
    const { user, oneTimePassword, grantPending } = await createUser({
      db: getDb(),
      actor,
      input: parsed.data,
      origin: await requestOrigin(),
    });
    revalidatePath("/admin/users");
    const held = grantPending
      ? " Its staff role waits for a second administrator's approval (Users → Staff grants): it cannot sign in until then."
      : "";
    return {
      ok: true,
      message: `Created ${user.email}. Hand over this one-time password; it is shown only now.${held}`,
      data: { oneTimePassword },
    };
  } catch (error) {
    return actionFailure(error);
  }
}

const toggleInput = z.object({ userId: z.string().min(1), disabled: z.enum(["true", "false"]) });

export async function setUserDisabledAction(form: FormData): Promise<void> {
  const parsed = toggleInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return;
  await refusedQuietly(async () => {
    const actor = await requireUser();
    await setUserDisabled({
      db: getDb(),
      actor,
      userId: parsed.data.userId,
      disabled: parsed.data.disabled === "true",
      origin: await requestOrigin(),
    });
  });
  revalidatePath("/admin/users");
}

/** Raise (a grant a second admin approves) or lower a Thales user's role. */
export async function changeRoleAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = changeUserRoleInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: "Invalid request." };
  try {
    const { pending } = await changeUserRole({
      db: getDb(),
      actor: await requireUser(),
      ...parsed.data,
      origin: await requestOrigin(),
    });
    revalidatePath("/admin/users");
    return {
      ok: true,
      message: pending ? "Requested: a second administrator must approve the new role." : "Role changed.",
    };
  } catch (error) {
    return actionFailure(error);
  }
}

const grantInput = z.object({
  grantId: z.string().min(1).max(100),
  decision: z.enum(["APPROVE", "REFUSE"]),
  reason: z.string().max(2000).optional(),
});

/** A second admin approves or refuses a pending staff grant; the service says who may. */
export async function decideGrantAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = grantInput.safeParse({
    grantId: form.get("grantId"),
    decision: form.get("decision"),
    reason: form.get("reason") || undefined,
  });
  if (!parsed.success) return { ok: false, message: "Invalid request." };
  try {
    const { state } = await decideStaffGrant({
      db: getDb(),
      actor: await requireUser(),
      ...parsed.data,
      origin: await requestOrigin(),
    });
    revalidatePath("/admin/users");
    return {
      ok: true,
      message: state === "APPROVED" ? "Approved: the account may act with its new role." : "Refused.",
    };
  } catch (error) {
    return actionFailure(error);
  }
}
