import { getDb } from "@/lib/server/db/client";
import { scrapeMetrics } from "@/lib/server/metrics/scrape-metrics";
import { apiError } from "@/lib/server/api/http";

export const dynamic = "force-dynamic";

/** Prometheus scrape endpoint, protected by PORTAL_METRICS_TOKEN (bearer). */
export async function GET(request: Request) {
  try {
    const { contentType, body } = await scrapeMetrics({
      db: getDb(),
      authorization: request.headers.get("authorization"),
      token: process.env.PORTAL_METRICS_TOKEN,
    });
    return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
  } catch (error) {
    return apiError(error);
  }
}
