import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Liveness: the process answers HTTP. No database, no authentication (restart the instance if this fails). */
export function GET() {
  return NextResponse.json(
    { status: "live", uptimeSeconds: Math.round(process.uptime()) },
    { headers: { "Cache-Control": "no-store" } },
  );
}
