"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { createOrganization, createOrganizationInput } from "@/lib/server/organizations/create-organization";
import { createIdentifier, createIdentifierInput } from "@/lib/server/identifiers/create-identifier";
import { setExpectedCn } from "@/lib/server/identifiers/set-expected-cn";
import { actionFailure, requestOrigin, type ActionState } from "../../../_lib/request";

async function run(work: () => Promise<string>): Promise<ActionState> {
  try {
    const message = await work();
    revalidatePath("/admin/organizations");
    return { ok: true, message };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function createOrganizationAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const parsed = createOrganizationInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: "A name has 2 to 120 characters." };
  return run(async () => {
    const org = await createOrganization({ db: getDb(), actor: await requireUser(), input: parsed.data, origin: await requestOrigin() });
    return `Created ${org.name}.`;
  });
}

export async function createIdentifierAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const parsed = createIdentifierInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join(" ") };
  return run(async () => {
    await createIdentifier({ db: getDb(), actor: await requireUser(), input: parsed.data, origin: await requestOrigin() });
    return `Added ${parsed.data.program} identifier ${parsed.data.value} with its PPR and PRD connections.`;
  });
}

const cnInput = z.object({ connectionId: z.string().min(1).max(100), expectedCn: z.string().max(200) });

export async function setExpectedCnAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const parsed = cnInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: "Invalid request." };
  return run(async () => {
    await setExpectedCn({ db: getDb(), actor: await requireUser(), ...parsed.data, origin: await requestOrigin() });
    return "Expected CN saved.";
  });
}
