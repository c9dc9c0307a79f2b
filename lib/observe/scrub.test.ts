import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { scrubText, scrubValue } from "./scrub.mjs";

const PEM =
  "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgk3kzQ8P1wJ2Hh0dG\n-----END PRIVATE KEY-----";
const TOKEN = "tlsp_Zk3n9QeR8sLwX2vBm5cY7uHa1oJd4tGf6iKp0lNq";

describe("scrubText", () => {
  it("removes PEM blocks, API tokens, bearer credentials and secret pairs", () => {
    const text = `Invalid prisma.create() { normalizedPem: "${PEM}", password: "hunter2-password" } Bearer abc.def token=${TOKEN}`;
    const out = scrubText(text);
    expect(out).not.toContain("MIGHAgEA");
    expect(out).not.toContain("hunter2-password");
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain("abc.def");
    expect(out).toContain("[pem redacted]");
    expect(out).toContain("Invalid prisma.create()");
  });

  it("removes unarmoured base64 key material but keeps file paths", () => {
    const der = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw";
    expect(scrubText(`bytes ${der} end`)).toBe("bytes [blob redacted] end");
    const stack = "at /work/wt/ops/node_modules/next/dist/compiled/next-server/app-page-turbo/runtime/handler";
    expect(scrubText(stack)).toBe(stack);
  });
});

describe("scrubValue", () => {
  it("drops secret-named keys at any depth and scrubs every string", () => {
    const out = scrubValue({
      user: { email: "a@b.test", password: "x", otp: "123456" },
      headers: { authorization: "Bearer y", cookie: "z" },
      note: PEM,
      code: "oidc-code",
    });
    expect(out).toEqual({
      user: { email: "a@b.test", password: "[redacted]", otp: "[redacted]" },
      headers: { authorization: "[redacted]", cookie: "[redacted]" },
      note: "[pem redacted]",
      code: "[redacted]",
    });
  });
});

describe("the portal logger's configuration", () => {
  it("writes an error whose message quotes a key and a password as one JSON line without them", async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    process.env.LOG_LEVEL = "debug";
    const { createLogger } = await import("./runtime.mjs");
    const log = createLogger(sink);
    expect(log.level).toBe("debug");
    log.error(
      { err: new Error(`upload failed: ${PEM} password=hunter2-password`), requestId: "r-1", body: "raw" },
      "boom",
    );
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ level: "error", msg: "boom", requestId: "r-1", body: "[redacted]" });
    expect(line.err.message).toContain("[pem redacted]");
    expect(lines[0]).not.toContain("MIGHAgEA");
    expect(lines[0]).not.toContain("hunter2-password");
  });
});
