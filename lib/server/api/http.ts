import "server-only";
import { logError } from "../log";
import { logger, requestContext } from "@/lib/observe/runtime.mjs";
import { DISCARD_LIMIT_BYTES } from "@/lib/http/form-body.mjs";
import { NextResponse } from "next/server";
import type { Actor } from "../actor";
import { AppError, toAppError } from "../errors";
import { getDb } from "../db/client";
import { authenticateApiToken } from "../api-tokens/authenticate-api-token";
import { originFromHeaders } from "../auth/origin";
import type { RequestOrigin } from "../actor";

/** JSON bodies are small: a PEM of 1 MiB base64-wrapped in JSON stays under this. */
export const MAX_JSON_BYTES = 1_500_000;

export type ApiContext = { actor: Actor; origin: RequestOrigin; request: Request };

/** Reads a JSON body, refusing oversized ones (413) before buffering them whole and malformed ones (422). */
export async function readJson(request: Request, options: { emptyAs?: unknown } = {}): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BYTES)
    throw new AppError("PAYLOAD_TOO_LARGE", `Request bodies are limited to ${MAX_JSON_BYTES} bytes.`);
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_JSON_BYTES) {
      await discardRest(reader, size);
      throw new AppError("PAYLOAD_TOO_LARGE", `Request bodies are limited to ${MAX_JSON_BYTES} bytes.`);
    }
    chunks.push(value);
  }
  if (size === 0 && options.emptyAs !== undefined) return options.emptyAs;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new AppError("INVALID_INPUT", "The body is not valid JSON.");
  }
}

/**
 * Reads and drops the rest of an oversized body so the client, still sending, receives the 413: cancelling the
 * stream destroys the socket and the client sees a connection reset instead of the answer.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, seen: number): Promise<void> {
  let size = seen;
  while (size <= DISCARD_LIMIT_BYTES) {
    const { done, value } = await reader.read();
    if (done) return;
    size += value.length;
  }
  await reader.cancel();
}

/**
 * The client went away mid-request (autocannon or curl stopping, a browser tab closed): reading the body fails
 * with "aborted" / ECONNRESET, or the request's signal says so. Nothing is wrong on our side, and nobody reads
 * the answer.
 */
export function isClientAbort(error: unknown, request?: Request): boolean {
  if (request?.signal.aborted) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  return (
    error.name === "AbortError" ||
    code === "ECONNRESET" ||
    code === "ABORT_ERR" ||
    error.message === "aborted" ||
    error.message === "Request aborted"
  );
}

/** The one API error mapper: typed errors to their status, a client's abort to an info line, anything else a 500. */
export function apiError(error: unknown, request?: Request): NextResponse {
  const known = toAppError(error);
  if (known)
    return NextResponse.json(
      { error: known.code, message: known.userMessage, ...(known.details ? { details: known.details } : {}) },
      // BUSY passes in seconds: say when to come back (RFC 9110 §10.2.3), so clients need not guess.
      { status: known.status, ...(known.code === "BUSY" ? { headers: { "Retry-After": "2" } } : {}) },
    );
  if (isClientAbort(error, request)) {
    logger().info({ requestId: requestContext()?.requestId ?? null }, "request aborted");
    // 499 (nginx's "client closed request"): the client is gone; the status only shows in logs and metrics.
    return new NextResponse(null, { status: 499 });
  }
  logError("Unexpected error in the API", error);
  return NextResponse.json({ error: "INTERNAL", message: "Something went wrong on our side." }, { status: 500 });
}

/**
 * Every /api/v1 handler: bearer token only (session cookies are ignored, so a browser session cannot be
 * ridden cross-site), then the handler, then typed errors to JSON. Authorization stays in the services.
 */
export function apiRoute<P>(handler: (context: ApiContext, params: P) => Promise<Response>) {
  return async (request: Request, segment: { params: Promise<P> }): Promise<Response> => {
    try {
      const origin = originFromHeaders(request.headers);
      const actor = await authenticateApiToken(getDb(), request.headers.get("authorization"), new Date(), origin);
      return await handler({ actor, origin, request }, await segment.params);
    } catch (error) {
      return apiError(error, request);
    }
  };
}
