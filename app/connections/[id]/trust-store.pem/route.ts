import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { originFromHeaders } from "@/lib/server/auth/origin";
import { exportTrustStore } from "@/lib/server/connections/export-trust-store";
import { fileErrorResponse, fileResponse } from "@/app/_lib/responses";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const audience = new URL(request.url).searchParams.get("audience");
    const actor = await requireUser();
    const result = await exportTrustStore({
      db: getDb(),
      actor,
      connectionId: id,
      origin: originFromHeaders(request.headers),
      audience: audience === "customer" || audience === "thales-backend" ? audience : undefined,
    });
    return fileResponse({ filename: result.filename, contentType: "application/x-pem-file", body: result.body });
  } catch (error) {
    return fileErrorResponse(request, error);
  }
}
