import { getDb } from "@/lib/server/db/client";
import { apiRoute } from "@/lib/server/api/http";
import { TrustStoreQuery } from "@/lib/server/api/schemas";
import { AppError } from "@/lib/server/errors";
import { exportTrustStore } from "@/lib/server/connections/export-trust-store";
import { fileResponse } from "@/app/_lib/responses";

export const GET = apiRoute<{ id: string }>(async ({ actor, origin, request }, { id }) => {
  const query = TrustStoreQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success)
    throw new AppError("INVALID_INPUT", "format must be pem, p7b, p12 or jks; audience customer or thales-backend.");
  return fileResponse(await exportTrustStore({ db: getDb(), actor, connectionId: id, origin, ...query.data }));
});
