"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { MAX_INPUT_BYTES } from "@/lib/pki";
import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { approveVersion } from "@/lib/server/assets/approve-version";
import { rejectVersion } from "@/lib/server/assets/reject-version";
import { withdrawVersion } from "@/lib/server/assets/withdraw-version";
import { acknowledgeVersion } from "@/lib/server/assets/acknowledge-version";
import { issueCertificate } from "@/lib/server/assets/issue-certificate";
import { attachCertificate } from "@/lib/server/assets/attach-certificate";
import { requestRevocation, revokeCertificate } from "@/lib/server/assets/revoke-certificate";
import { declineRevocation } from "@/lib/server/assets/decline-revocation";
import { deriveTrustStore } from "@/lib/server/assets/derive-trust-store";
import { actionFailure, requestOrigin, type ActionState } from "@/app/_lib/request";

const idInput = z.object({ versionId: z.string().min(1).max(100) });

/**
 * One edge for the simple decisions on a version: parse → service → back to the version page with the
 * outcome in the URL, so the confirmation survives the re-render that removes the form it came from.
 */
async function decide(form: FormData, run: (versionId: string) => Promise<string>): Promise<ActionState> {
  const parsed = idInput.safeParse({ versionId: form.get("versionId") });
  if (!parsed.success) return { ok: false, message: "Invalid request." };
  let done: string;
  try {
    done = await run(parsed.data.versionId);
  } catch (error) {
    return actionFailure(error);
  }
  revalidatePath(`/versions/${parsed.data.versionId}`);
  redirect(`/versions/${parsed.data.versionId}?done=${encodeURIComponent(done)}`);
}

export async function approveAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return decide(form, async (versionId) => {
    const result = await approveVersion({
      db: getDb(),
      actor: await requireUser(),
      versionId,
      origin: await requestOrigin(),
    });
    return result.state === "APPROVED" ? "approved" : "approved-partially";
  });
}

export async function rejectAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const reason = String(form.get("reason") ?? "");
  return decide(form, async (versionId) => {
    await rejectVersion({ db: getDb(), actor: await requireUser(), versionId, reason, origin: await requestOrigin() });
    return "rejected";
  });
}

export async function withdrawAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return decide(form, async (versionId) => {
    await withdrawVersion({ db: getDb(), actor: await requireUser(), versionId, origin: await requestOrigin() });
    return "withdrawn";
  });
}

export async function acknowledgeVersionAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return decide(form, async (versionId) => {
    await acknowledgeVersion({ db: getDb(), actor: await requireUser(), versionId, origin: await requestOrigin() });
    return "acknowledged";
  });
}

export async function issueAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return decide(form, async (versionId) => {
    await issueCertificate({ db: getDb(), actor: await requireUser(), versionId, origin: await requestOrigin() });
    return "issued";
  });
}

/** Thales revokes (or confirms a customer's request) with an RFC 5280 reason; the service validates it. */
export async function revokeAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const reason = form.get("reason") ?? undefined;
  return decide(form, async (versionId) => {
    await revokeCertificate({
      db: getDb(),
      actor: await requireUser(),
      versionId,
      reason: reason === "" ? undefined : reason,
      origin: await requestOrigin(),
    });
    return "revoked";
  });
}

export async function requestRevocationAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const reason = form.get("reason");
  return decide(form, async (versionId) => {
    await requestRevocation({
      db: getDb(),
      actor: await requireUser(),
      versionId,
      reason,
      origin: await requestOrigin(),
    });
    return "revocation-requested";
  });
}

export async function declineRevocationAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const explanation = form.get("explanation");
  return decide(form, async (versionId) => {
    await declineRevocation({
      db: getDb(),
      actor: await requireUser(),
      versionId,
      explanation,
      origin: await requestOrigin(),
    });
    return "revocation-declined";
  });
}

export async function attachAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const parsed = idInput.safeParse({ versionId: form.get("versionId") });
  if (!parsed.success) return { ok: false, message: "Invalid request." };
  const file = form.get("file");
  const content =
    file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : String(form.get("pasted") ?? "");
  if (content.length === 0 || (typeof content === "string" && !content.trim()))
    return { ok: false, message: "Choose or paste the certificate." };
  if (content.length > MAX_INPUT_BYTES) return { ok: false, message: "The file is larger than 1 MiB." };
  try {
    const result = await attachCertificate({
      db: getDb(),
      actor: await requireUser(),
      versionId: parsed.data.versionId,
      certificate: content,
      origin: await requestOrigin(),
    });
    if (!result.ok) return { ok: false, message: result.findings.map((f) => `${f.code}: ${f.message}`).join(" ") };
  } catch (error) {
    return actionFailure(error);
  }
  revalidatePath(`/versions/${parsed.data.versionId}`);
  redirect(`/versions/${parsed.data.versionId}?done=attached`);
}

/** The chain's CAs submitted as the trust store; the customer lands on the new trust-store version. */
export async function deriveTrustStoreAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const parsed = idInput.safeParse({ versionId: form.get("versionId") });
  if (!parsed.success) return { ok: false, message: "Invalid request." };
  let created: string;
  try {
    const result = await deriveTrustStore({
      db: getDb(),
      actor: await requireUser(),
      versionId: parsed.data.versionId,
      origin: await requestOrigin(),
    });
    created = result.versionId;
  } catch (error) {
    return actionFailure(error);
  }
  redirect(`/versions/${created}?uploaded=1`);
}
