import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { exportTrustStore } from "@/lib/server/connections/export-trust-store";

export const GET = apiRoute<{ id: string }>(async ({ actor, origin }, { id }) => {
  const result = await exportTrustStore({ db: getDb(), actor, connectionId: id, origin });
  return new Response(result.body, { headers: { "Content-Type": "application/x-pem-file", "Content-Disposition": `attachment; filename="${result.filename}"`, "Cache-Control": "no-store" } });
});
