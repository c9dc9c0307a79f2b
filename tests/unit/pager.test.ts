import { describe, expect, it } from "vitest";
import { pageHref, pageNumber, pageSpan } from "@/components/pager";

// The board's and the review queue's page links: the filters survive, an odd ?page= never reaches the query.
describe("pager links", () => {
  it("keeps the filters that are set, in order, and sets the page", () => {
    expect(pageHref("/", { program: "tsh", environment: undefined }, 3)).toBe("/?program=tsh&page=3");
    expect(pageHref("/review", { organizationId: "o 1", minAgeDays: 7, state: "" }, 2)).toBe(
      "/review?organizationId=o+1&minAgeDays=7&page=2",
    );
  });

  it("reads ?page= as a whole page number from 1 to 10,000", () => {
    expect(pageNumber(undefined)).toBe(1);
    expect(pageNumber("abc")).toBe(1);
    expect(pageNumber("0")).toBe(1);
    expect(pageNumber("-4")).toBe(1);
    expect(pageNumber("2.7")).toBe(2);
    expect(pageNumber("12")).toBe(12);
    expect(pageNumber("1e9")).toBe(10_000);
  });

  it("places a page in its list: first and last row numbers, and whether rows follow", () => {
    expect(pageSpan(1, 25, 25, 53)).toEqual({ first: 1, last: 25, hasNext: true });
    expect(pageSpan(3, 25, 3, 53)).toEqual({ first: 51, last: 53, hasNext: false });
    expect(pageSpan(1, 25, 0, 0)).toEqual({ first: 1, last: 0, hasNext: false });
  });
});
