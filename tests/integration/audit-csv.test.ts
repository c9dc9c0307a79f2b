import { describe, expect, it } from "vitest";
import { auditCsv, csvCell } from "@/lib/server/audit/audit-csv";

describe("audit CSV cells", () => {
  it("quotes every cell, doubling quotes", () => {
    expect(csvCell("plain")).toBe('"plain"');
    expect(csvCell('say "hi", then\r\nleave')).toBe('"say ""hi"", then\r\nleave"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(new Date("2026-01-02T03:04:05Z"))).toBe('"2026-01-02T03:04:05.000Z"');
  });
  it.each([
    ["=cmd|'/c calc'!A0", `"'=cmd|'/c calc'!A0"`],
    ["+1", `"'+1"`],
    ["-2+3", `"'-2+3"`],
    ["@SUM(A1)", `"'@SUM(A1)"`],
    ["\t=1", `"'\t=1"`],
    ["\r=1", `"'\r=1"`],
    ["  =1", `"  '=1"`],
    ["203.0.113.9;=cmd|'/c calc'!A0", `"203.0.113.9;'=cmd|'/c calc'!A0"`],
    ["a; +b;@c", `"a; '+b;'@c"`],
    ["x=1, y-2", `"x=1, y-2"`],
  ])("neutralizes formula starts: %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
  it("writes a header and one line per event, CRLF", () => {
    const csv = auditCsv([
      {
        createdAt: new Date(0),
        action: "auth.login.failure",
        actorEmail: null,
        actorRole: null,
        organizationId: null,
        targetType: null,
        targetId: null,
        before: null,
        after: null,
        details: '{"email":"=x"}',
        ip: "192.0.2.1",
        userAgent: "=HYPERLINK()",
      },
    ]);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      '"createdAt","action","actorEmail","actorRole","organizationId","targetType","targetId","before","after","details","ip","userAgent"',
    );
    expect(lines[1]).toContain(`"'=HYPERLINK()"`);
    expect(lines[2]).toBe("");
  });
});
