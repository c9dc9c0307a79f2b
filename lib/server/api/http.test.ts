import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger, logger } from "@/lib/observe/runtime.mjs";
import { AppError } from "../errors";
import { apiError } from "./http";

/** The API's one error mapper (lib/server/api/http.ts), with the process logger captured as JSON lines. */
const KEY = Symbol.for("tls-onboarding-portal.observe");
type ObserveState = { logger: unknown };
const observe = () => (globalThis as unknown as Record<symbol, ObserveState>)[KEY]!;

function captureLogs(): { level: string; msg: string }[] {
  const lines: { level: string; msg: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  logger(); // makes the shared state exist
  observe().logger = createLogger(sink as never);
  return lines;
}

describe("apiError", () => {
  afterEach(() => {
    observe().logger = undefined;
  });

  it("logs a client that disconnected mid-request as info 'request aborted', not as an unexpected error", async () => {
    const logs = captureLogs();
    const reset = Object.assign(new Error("aborted"), { code: "ECONNRESET" });
    expect(apiError(reset).status).toBe(499);
    const controller = new AbortController();
    controller.abort();
    const request = new Request("http://portal.test/api/v1/check", { method: "POST", signal: controller.signal });
    expect(apiError(new TypeError("terminated"), request).status).toBe(499);
    await new Promise((resolve) => setImmediate(resolve));
    expect(logs.map((l) => [l.level, l.msg])).toEqual([
      ["info", "request aborted"],
      ["info", "request aborted"],
    ]);
  });

  it("still answers a typed error with its status and logs a real failure as an error with a 500", async () => {
    const logs = captureLogs();
    expect(apiError(new AppError("NOT_FOUND")).status).toBe(404);
    const response = apiError(new RangeError("Invalid time value"));
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: "INTERNAL" });
    await new Promise((resolve) => setImmediate(resolve));
    expect(logs.map((l) => [l.level, l.msg])).toEqual([["error", "Unexpected error in the API"]]);
  });
});
