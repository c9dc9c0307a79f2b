import type { Instrumentation } from "next";

/**
 * Every error Next catches while rendering a page, running a route handler, a server action or the proxy
 * becomes one JSON log line with the request id (scripts/serve.mjs sets it) and the error digest that the
 * error page shows. The message and stack are scrubbed of secrets (lib/observe/scrub.mjs).
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger } = await import("./lib/observe/runtime.mjs");
  const requestId = request.headers["x-request-id"];
  const digest = (error as { digest?: unknown })?.digest;
  logger().error(
    {
      requestId: typeof requestId === "string" ? requestId : null,
      method: request.method,
      route: context.routePath,
      routeType: context.routeType,
      digest: typeof digest === "string" ? digest : undefined,
      err: error,
    },
    "error while handling a request",
  );
};

// Next.js calls register() once when a server instance starts: the in-process job scheduler starts here
// (lib/server/jobs/scheduler.ts; PORTAL_JOBS=off disables it).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.PORTAL_JOBS === "off") return;
  const { startScheduler } = await import("./lib/server/jobs/scheduler");
  startScheduler();
}
