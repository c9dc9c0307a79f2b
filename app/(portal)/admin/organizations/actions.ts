"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { createOrganization, createOrganizationInput } from "@/lib/server/organizations/create-organization";
import { createIdentifier, createIdentifierInput } from "@/lib/server/identifiers/create-identifier";
import { setExpectedCn } from "@/lib/server/identifiers/set-expected-cn";
import { bindDomain } from "@/lib/server/organizations/bind-domain";
import { unbindDomain } from "@/lib/server/organizations/unbind-domain";
import { setPasswordLogin } from "@/lib/server/organizations/set-password-login";
import type { ActionState } from "@/app/_lib/request";
import { audited, invalidRequest, revalidatedAfter } from "@/app/_lib/action";

const run = (work: () => Promise<string>) => revalidatedAfter(["/admin/organizations"], work);

export async function createOrganizationAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const parsed = createOrganizationInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: "A name has 2 to 120 characters." };
  let created: string | undefined;
  const state = await run(async () => {
    const org = await createOrganization({ ...(await audited()), input: parsed.data });
    created = org.name;
    return `Created ${org.name}.`;
  });
  // The new organization in view, whatever page of the list the form was on: the list filtered by its name.
  if (created) redirect(`/admin/organizations?${new URLSearchParams({ q: created })}`);
  return state;
}

export async function createIdentifierAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const parsed = createIdentifierInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join(" ") };
  return run(async () => {
    const { applied } = await createIdentifier({ ...(await audited()), input: parsed.data });
    return `Added ${parsed.data.program} identifier ${parsed.data.value} with its PPR and PRD connections${
      applied.length ? ` and the ${applied.length} Thales asset version(s) in force for its program` : ""
    }.`;
  });
}

const cnInput = z.object({ connectionId: z.string().min(1).max(100), expectedCn: z.string().max(200) });

export async function setExpectedCnAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const parsed = cnInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalidRequest();
  return run(async () => {
    await setExpectedCn({ ...(await audited()), ...parsed.data });
    return "Expected CN saved.";
  });
}

const domainInput = z.object({ organizationId: z.string().min(1).max(100), domain: z.string().min(1).max(253) });

export async function bindDomainAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const parsed = domainInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: "Enter a domain such as acme.example." };
  return run(async () => {
    const bound = await bindDomain({ ...(await audited()), ...parsed.data });
    return `Single sign-on now provisions accounts for @${bound.domain}.`;
  });
}

export async function unbindDomainAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const domainId = String(form.get("domainId") ?? "");
  return run(async () => {
    await unbindDomain({ ...(await audited()), domainId });
    return "Domain removed.";
  });
}

export async function setPasswordLoginAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const organizationId = String(form.get("organizationId") ?? "");
  const allowed = form.get("allowed") === "true";
  return run(async () => {
    await setPasswordLogin({ ...(await audited()), organizationId, allowed });
    return allowed ? "Password sign-in allowed." : "Single sign-on only (administrators keep their password).";
  });
}
