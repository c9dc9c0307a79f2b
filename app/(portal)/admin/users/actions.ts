"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createUser, createUserInput } from "@/lib/server/users/create-user";
import { setUserDisabled } from "@/lib/server/users/set-user-disabled";
import { changeUserRole, changeUserRoleInput } from "@/lib/server/grants/change-user-role";
import { decideStaffGrant } from "@/lib/server/grants/decide-staff-grant";
import { refusedQuietly, type ActionState } from "@/app/_lib/request";
import { audited, invalidRequest, parseDecision, revalidatedAfter } from "@/app/_lib/action";

const PATH = "/admin/users";

export async function createUserAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = createUserInput.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return {
      ok: false,
      message: "Check the highlighted fields.",
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
    };
  return revalidatedAfter([PATH], async () => {
    const { user, oneTimePassword, grantPending } = await createUser({ ...(await audited()), input: parsed.data });
    const held = grantPending
      ? " Its staff role waits for a second administrator's approval (Users → Staff grants): it cannot sign in until then."
      : "";
    return {
      message: `Created ${user.email}. Hand over this one-time password; it is shown only now.${held}`,
      data: { oneTimePassword },
    };
  });
}

const toggleInput = z.object({ userId: z.string().min(1), disabled: z.enum(["true", "false"]) });

export async function setUserDisabledAction(form: FormData): Promise<void> {
  const parsed = toggleInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return;
  const { userId, disabled } = parsed.data;
  await refusedQuietly(async () => setUserDisabled({ ...(await audited()), userId, disabled: disabled === "true" }));
  revalidatePath(PATH);
}

/** Raise (a grant a second admin approves) or lower a Thales user's role. */
export async function changeRoleAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = changeUserRoleInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalidRequest();
  return revalidatedAfter([PATH], async () => {
    const { pending } = await changeUserRole({ ...(await audited()), ...parsed.data });
    return pending ? "Requested: a second administrator must approve the new role." : "Role changed.";
  });
}

/** A second admin approves or refuses a pending staff grant; the service says who may. */
export async function decideGrantAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseDecision(form, "grantId");
  if (!parsed.success) return invalidRequest();
  const { id: grantId, ...decision } = parsed.data;
  return revalidatedAfter([PATH], async () => {
    const { state } = await decideStaffGrant({ ...(await audited()), grantId, ...decision });
    return state === "APPROVED" ? "Approved: the account may act with its new role." : "Refused.";
  });
}
