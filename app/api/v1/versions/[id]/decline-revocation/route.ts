import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { apiRoute, readJson } from "@/lib/server/api/http";
import { declineRevocation } from "@/lib/server/assets/decline-revocation";

/** Thales declines a customer's revocation request: { "explanation": "…" } (the customer reads it). */
export const POST = apiRoute<{ id: string }>(async ({ actor, origin, request }, { id }) => {
  const body = await readJson(request);
  const explanation = body && typeof body === "object" ? (body as { explanation?: unknown }).explanation : undefined;
  const result = await declineRevocation({ db: getDb(), actor, versionId: id, explanation, origin });
  return NextResponse.json({ versionId: id, ...result });
});
