import { describe, expect, it } from "vitest";
import { SUBJECT_SEARCH_MAX, normalizeSerial, parseSearchQuery, subjectSearchText } from "./search";

describe("search query", () => {
  it("reads a serial with or without colons, in any case, as stored (upper-case, no leading zeros)", () => {
    expect(parseSearchQuery("00:4f:1A:09")?.serial).toBe("4F1A09");
    expect(parseSearchQuery(" 4F1A09 ")?.serial).toBe("4F1A09");
    expect(normalizeSerial("00")).toBe("0");
  });
  it("reads 64 hex digits as a SHA-256 fingerprint too, lower-case", () => {
    const hex = "AB".repeat(32);
    expect(parseSearchQuery(hex.match(/../g)!.join(":"))).toEqual({
      fingerprint: "ab".repeat(32),
      text: hex.match(/../g)!.join(":").toLowerCase(),
    });
  });
  it("searches text from two characters, wildcards as text, and nothing for blank or punctuation-only input", () => {
    expect(parseSearchQuery("Acme Bank")).toEqual({ text: "acme bank" });
    expect(parseSearchQuery("x")).toBeNull();
    expect(parseSearchQuery("   ")).toBeNull();
    expect(parseSearchQuery("%_%")).toBeNull();
    expect(parseSearchQuery("50%_off")?.text).toBe("50%_off");
    expect(parseSearchQuery("ACME_01")?.text).toBe("acme_01");
  });

  it("indexes a subject's first 500 characters, lower-cased", () => {
    expect(subjectSearchText("CN=Acme")).toBe("cn=acme");
    expect(subjectSearchText(`CN=${"A".repeat(600)}`)).toHaveLength(SUBJECT_SEARCH_MAX);
    expect(subjectSearchText(null)).toBeNull();
  });
});
