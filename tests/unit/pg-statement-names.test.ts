import { describe, expect, it } from "vitest";
import { statementNamer } from "@/lib/server/db/pg-statement-names";

const q = (sql: string) => ({ sql });

describe("names of prepared PostgreSQL statements", () => {
  it("names a text from its second use on, the same name every time and in every process", () => {
    const name = statementNamer();
    const sql = `SELECT "id" FROM "User" WHERE "email" = $1`;
    expect(name(q(sql))).toBeUndefined();
    const first = name(q(sql));
    expect(first).toMatch(/^portal_[A-Za-z0-9_-]{32}$/);
    expect(name(q(sql))).toBe(first);
    const elsewhere = statementNamer();
    elsewhere(q(sql));
    expect(elsewhere(q(sql))).toBe(first);
  });

  it("gives two texts two names", () => {
    const name = statementNamer();
    const a = `SELECT 1 WHERE $1::int = 1`;
    const b = `SELECT 1 WHERE $1::int = 2`;
    for (const sql of [a, b, a, b]) name(q(sql));
    expect(name(q(a))).not.toBe(name(q(b)));
  });

  it("stops naming new texts at its limit, and keeps the names it gave", () => {
    const name = statementNamer(2);
    const texts = ["SELECT 1", "SELECT 2", "SELECT 3"];
    for (const sql of [...texts, ...texts]) name(q(sql));
    expect(texts.map((sql) => name(q(sql)) !== undefined)).toEqual([true, true, false]);
  });

  it("still names a text that comes back after many one-off texts", () => {
    const name = statementNamer(2);
    for (let i = 1; i <= 20; i++) name(q(`SELECT ${i}`));
    expect(name(q("SELECT 0"))).toBeUndefined();
    expect(name(q("SELECT 0"))).toBeDefined();
  });
});
