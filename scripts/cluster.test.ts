import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { workerCount } from "./cluster.mjs";

describe("PORTAL_WORKERS", () => {
  it("defaults to one worker per core", () => {
    expect(workerCount(undefined)).toBe(availableParallelism());
    expect(workerCount("")).toBe(availableParallelism());
    expect(workerCount("auto")).toBe(availableParallelism());
  });

  it("takes a positive integer; 1 is a single process", () => {
    expect(workerCount("1")).toBe(1);
    expect(workerCount(" 4 ")).toBe(4);
  });

  it("refuses anything else instead of guessing", () => {
    for (const bad of ["0", "-2", "1.5", "two", "NaN"]) expect(() => workerCount(bad), bad).toThrow(/PORTAL_WORKERS/);
  });
});
