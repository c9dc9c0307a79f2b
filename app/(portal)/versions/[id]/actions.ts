"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { MAX_INPUT_BYTES } from "@/lib/pki";
import { approveVersion } from "@/lib/server/assets/approve-version";
import { rejectVersion } from "@/lib/server/assets/reject-version";
import { withdrawVersion } from "@/lib/server/assets/withdraw-version";
import { acknowledgeVersion } from "@/lib/server/assets/acknowledge-version";
import { issueCertificate } from "@/lib/server/assets/issue-certificate";
import { attachCertificate } from "@/lib/server/assets/attach-certificate";
import { requestRevocation, revokeCertificate } from "@/lib/server/assets/revoke-certificate";
import { declineRevocation } from "@/lib/server/assets/decline-revocation";
import { deriveTrustStore } from "@/lib/server/assets/derive-trust-store";
import { actionFailure, type ActionState } from "@/app/_lib/request";
import { audited, invalidRequest } from "@/app/_lib/action";

const idInput = z.object({ versionId: z.string().min(1).max(100) });

type VersionDecision = Awaited<ReturnType<typeof audited>> & { versionId: string };

/**
 * One edge for the simple decisions on a version: parse → service (given the signed-in context and the version)
 * → back to the version page with the outcome (`done`) in the URL, so the confirmation survives the re-render
 * that removes the form it came from.
 */
async function decide<R>(
  form: FormData,
  act: (version: VersionDecision) => Promise<R>,
  done: string | ((result: R) => string),
): Promise<ActionState> {
  const parsed = idInput.safeParse({ versionId: form.get("versionId") });
  if (!parsed.success) return invalidRequest();
  let outcome: string;
  try {
    const result = await act({ ...(await audited()), versionId: parsed.data.versionId });
    outcome = typeof done === "string" ? done : done(result);
  } catch (error) {
    return actionFailure(error);
  }
  revalidatePath(`/versions/${parsed.data.versionId}`);
  redirect(`/versions/${parsed.data.versionId}?done=${encodeURIComponent(outcome)}`);
}

export async function approveAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return decide(form, approveVersion, (result) => (result.state === "APPROVED" ? "approved" : "approved-partially"));
}

export async function rejectAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const reason = String(form.get("reason") ?? "");
  return decide(form, (version) => rejectVersion({ ...version, reason }), "rejected");
}

export async function withdrawAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return decide(form, withdrawVersion, "withdrawn");
}

export async function acknowledgeVersionAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return decide(form, acknowledgeVersion, "acknowledged");
}

export async function issueAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return decide(form, issueCertificate, "issued");
}

/** Thales revokes (or confirms a customer's request) with an RFC 5280 reason; the service validates it. */
export async function revokeAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const reason = form.get("reason") ?? undefined;
  return decide(
    form,
    (version) => revokeCertificate({ ...version, reason: reason === "" ? undefined : reason }),
    "revoked",
  );
}

export async function requestRevocationAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const reason = form.get("reason");
  return decide(form, (version) => requestRevocation({ ...version, reason }), "revocation-requested");
}

export async function declineRevocationAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const explanation = form.get("explanation");
  return decide(form, (version) => declineRevocation({ ...version, explanation }), "revocation-declined");
}

export async function attachAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const parsed = idInput.safeParse({ versionId: form.get("versionId") });
  if (!parsed.success) return invalidRequest();
  const file = form.get("file");
  const content =
    file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : String(form.get("pasted") ?? "");
  if (content.length === 0 || (typeof content === "string" && !content.trim()))
    return { ok: false, message: "Choose or paste the certificate." };
  if (content.length > MAX_INPUT_BYTES) return { ok: false, message: "The file is larger than 1 MiB." };
  try {
    const result = await attachCertificate({
      ...(await audited()),
      versionId: parsed.data.versionId,
      certificate: content,
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
  if (!parsed.success) return invalidRequest();
  let created: string;
  try {
    const result = await deriveTrustStore({ ...(await audited()), versionId: parsed.data.versionId });
    created = result.versionId;
  } catch (error) {
    return actionFailure(error);
  }
  redirect(`/versions/${created}?uploaded=1`);
}
