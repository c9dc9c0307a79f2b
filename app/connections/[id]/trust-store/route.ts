import { TrustStoreQuery } from "@/lib/server/api/schemas";
import { AppError } from "@/lib/server/errors";
import { exportTrustStore } from "@/lib/server/connections/export-trust-store";
import { fileRoute } from "@/app/_lib/file-route";

/** The trust-store export for the browser (session cookie), in any of the formats of the API route. */
export const GET = fileRoute(async (request, id, signedIn) => {
  const query = TrustStoreQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new AppError("INVALID_INPUT", "format must be pem, p7b, p12 or jks.");
  return exportTrustStore({ ...(await signedIn()), connectionId: id, ...query.data });
});
