import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/server/api/openapi";

/** Public: the description of the API holds no data. */
export function GET() {
  return NextResponse.json(openApiDocument());
}
