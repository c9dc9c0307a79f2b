import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { can } from "@/lib/assets/permissions";
import { apiRoute, readJson } from "@/lib/server/api/http";
import { requestRevocation, revokeCertificate } from "@/lib/server/assets/revoke-certificate";

/**
 * Thales revokes an issued client certificate (or confirms a request): { "reason": "keyCompromise" | … }.
 * A customer's call is a revocation request that Thales confirms. The services authorize and scope.
 */
export const POST = apiRoute<{ id: string }>(async ({ actor, origin, request }, { id }) => {
  const db = getDb();
  const body = await readJson(request);
  const reason = body && typeof body === "object" ? (body as { reason?: unknown }).reason : undefined;
  const result = can(actor.role, "asset:revoke")
    ? await revokeCertificate({ db, actor, versionId: id, reason, origin })
    : await requestRevocation({ db, actor, versionId: id, reason, origin });
  return NextResponse.json({ versionId: id, ...result });
});
