import { openApiDocument } from "@/lib/server/api/openapi";

/** The document's JSON, built once per process: it only depends on the code (z.toJSONSchema costs ~1.75 ms). */
let body: string | undefined;

/** Public: the description of the API holds no data. */
export function GET() {
  body ??= JSON.stringify(openApiDocument());
  return new Response(body, { headers: { "Content-Type": "application/json" } });
}
