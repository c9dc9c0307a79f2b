import { describe, expect, it } from "vitest";
import { cutOverDate, cutOverField } from "@/app/_lib/cut-over";

/** The upload and publishing forms' cut-over: a datetime-local value read as UTC, empty for the default. */
describe("a form's cut-over", () => {
  it("reads a datetime-local value as UTC, and empty or absent as the default", () => {
    expect(cutOverDate(cutOverField.parse("2027-03-01T12:30"))).toEqual(new Date(Date.UTC(2027, 2, 1, 12, 30)));
    expect(cutOverDate(cutOverField.parse(""))).toBeUndefined();
    expect(cutOverDate(cutOverField.parse(undefined))).toBeUndefined();
  });

  it("refuses anything else", () => {
    for (const value of ["2027-03-01", "2027-03-01T12:30:00", "2027-03-01T12:30Z", "tomorrow", " 2027-03-01T12:30"])
      expect(cutOverField.safeParse(value).success, value).toBe(false);
  });
});
