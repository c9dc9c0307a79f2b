import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { exportTrustStore } from "@/lib/server/connections/export-trust-store";
import { fileResponse } from "@/app/_lib/responses";

export const GET = apiRoute<{ id: string }>(async ({ actor, origin }, { id }) => {
  const result = await exportTrustStore({ db: getDb(), actor, connectionId: id, origin });
  return fileResponse(result);
});
