import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { parseQuery } from "@/lib/server/api/parse-input";
import { TrustStoreQuery } from "@/lib/server/api/schemas";
import { exportTrustStore } from "@/lib/server/connections/export-trust-store";
import { fileResponse } from "@/app/_lib/responses";

export const GET = apiRoute<{ id: string }>(async ({ actor, origin, request }, { id }) => {
  const query = parseQuery(
    request,
    TrustStoreQuery,
    "format must be pem, p7b, p12 or jks; audience customer or thales-backend.",
  );
  return fileResponse(await exportTrustStore({ db: getDb(), actor, connectionId: id, origin, ...query }));
});
