import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { originFromHeaders } from "@/lib/server/auth/origin";
import { TrustStoreQuery } from "@/lib/server/api/schemas";
import { AppError } from "@/lib/server/errors";
import { exportTrustStore } from "@/lib/server/connections/export-trust-store";
import { fileErrorResponse, fileResponse } from "@/app/_lib/responses";

/** The trust-store export for the browser (session cookie), in any of the formats of the API route. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const query = TrustStoreQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new AppError("INVALID_INPUT", "format must be pem, p7b, p12 or jks.");
    const actor = await requireUser();
    return fileResponse(
      await exportTrustStore({
        db: getDb(),
        actor,
        connectionId: id,
        origin: originFromHeaders(request.headers),
        ...query.data,
      }),
    );
  } catch (error) {
    return fileErrorResponse(request, error);
  }
}
