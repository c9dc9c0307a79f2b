"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { createOrganization, createOrganizationInput } from "@/lib/server/organizations/create-organization";
import { createIdentifier, createIdentifierInput } from "@/lib/server/identifiers/create-identifier";
import { setExpectedCn } from "@/lib/server/identifiers/set-expected-cn";
import { bindDomain } from "@/lib/server/organizations/bind-domain";
import { unbindDomain } from "@/lib/server/organizations/unbind-domain";
import { setPasswordLogin } from "@/lib/server/organizations/set-password-login";
import { actionFailure, requestOrigin, type ActionState } from "@/app/_lib/request";

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
    const org = await createOrganization({
      db: getDb(),
      actor: await requireUser(),
      input: parsed.data,
      origin: await requestOrigin(),
    });
    return `Created ${org.name}.`;
  });
}

export async function createIdentifierAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const parsed = createIdentifierInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join(" ") };
  return run(async () => {
    const { applied } = await createIdentifier({
      db: getDb(),
      actor: await requireUser(),
      input: parsed.data,
      origin: await requestOrigin(),
    });
    return `Added ${parsed.data.program} identifier ${parsed.data.value} with its PPR and PRD connections${
      applied.length ? ` and the ${applied.length} Thales asset version(s) in force for its program` : ""
    }.`;
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

const domainInput = z.object({ organizationId: z.string().min(1).max(100), domain: z.string().min(1).max(253) });

export async function bindDomainAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const parsed = domainInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: "Enter a domain such as acme.example." };
  return run(async () => {
    const bound = await bindDomain({
      db: getDb(),
      actor: await requireUser(),
      ...parsed.data,
      origin: await requestOrigin(),
    });
    return `Single sign-on now provisions accounts for @${bound.domain}.`;
  });
}

export async function unbindDomainAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const domainId = String(form.get("domainId") ?? "");
  return run(async () => {
    await unbindDomain({ db: getDb(), actor: await requireUser(), domainId, origin: await requestOrigin() });
    return "Domain removed.";
  });
}

export async function setPasswordLoginAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const organizationId = String(form.get("organizationId") ?? "");
  const allowed = form.get("allowed") === "true";
  return run(async () => {
    await setPasswordLogin({
      db: getDb(),
      actor: await requireUser(),
      organizationId,
      allowed,
      origin: await requestOrigin(),
    });
    return allowed ? "Password sign-in allowed." : "Single sign-on only (administrators keep their password).";
  });
}
