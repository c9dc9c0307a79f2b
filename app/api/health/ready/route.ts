import { NextResponse } from "next/server";
import { getDb } from "@/lib/server/db/client";
import { databaseConfig } from "@/lib/server/db/config";
import { checkReadiness } from "@/lib/server/health/check-readiness";

export const dynamic = "force-dynamic";

/** Readiness for a load balancer: 200 when every check passes, else 503; details name no secret. */
export async function GET() {
  const readiness = await checkReadiness({ db: getDb(), config: databaseConfig() });
  return NextResponse.json(readiness, {
    status: readiness.status === "ready" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
