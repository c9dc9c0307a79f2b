import "server-only";
import { logError } from "@/lib/server/log";
import { NextResponse } from "next/server";
import { toAppError } from "@/lib/server/errors";

/** Route handlers answer errors as JSON with our own message and the code's status; never a stack. */
export function errorResponse(error: unknown): NextResponse {
  const known = toAppError(error);
  if (known) return NextResponse.json({ error: known.code, message: known.userMessage }, { status: known.status });
  logError("Unexpected error in a route handler", error);
  return NextResponse.json({ error: "INTERNAL", message: "Something went wrong on our side." }, { status: 500 });
}

export function fileResponse(file: { filename: string; contentType: string; body: Uint8Array | string }): Response {
  return new Response(typeof file.body === "string" ? file.body : Buffer.from(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
