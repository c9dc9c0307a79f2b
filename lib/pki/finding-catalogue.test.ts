import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FINDING_AREAS, FINDING_CODES, FINDINGS } from "./finding-catalogue";
import { error, finding, info, warning } from "./findings";
import { renderFindingsDoc } from "./findings-doc";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules" || name === "finding-catalogue") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

describe("finding catalogue", () => {
  it("docs/findings.md is generated from it (run `npm run docs:findings` when this fails)", () => {
    expect(readFileSync(path.join(root, "docs/findings.md"), "utf8")).toBe(renderFindingsDoc());
  });

  it("no code is defined in two areas (a spread would silently keep the last one)", () => {
    const all = FINDING_AREAS.flatMap((a) => Object.keys(a.codes));
    expect(all.length).toBe(new Set(all).size);
    expect(all.sort()).toEqual([...FINDING_CODES].sort());
  });

  it("every entry is complete: UPPER_SNAKE code, one-line title, meaning, fix and source", () => {
    for (const code of FINDING_CODES) {
      const spec = FINDINGS[code];
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      for (const text of [spec.title, spec.meaning, spec.fix, spec.source]) expect(text.trim(), code).not.toBe("");
      expect(spec.title, code).not.toMatch(/\n/);
    }
  });

  it("every code is built somewhere in product code (no dead entries)", () => {
    const text = ["lib", "app", "components"]
      .flatMap((d) => sourceFiles(path.join(root, d)))
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    const unused = FINDING_CODES.filter((code) => !text.includes(`"${code}"`));
    expect(unused).toEqual([]);
  });

  it("builds findings with the catalogue's severity", () => {
    expect(finding("PORT_8443", "m")).toEqual({ severity: "info", code: "PORT_8443", message: "m" });
    expect(error("INPUT_EMPTY", "m", "h")).toEqual({ severity: "error", code: "INPUT_EMPTY", message: "m", hint: "h" });
    expect(warning("LEAF_NO_SAN", "m").severity).toBe("warning");
    expect(info("CRL_IGNORED", "m").severity).toBe("info");
  });
});
