import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * What the browser loads (issue 16: first-load JS < 200 kB gzip per page). Every module a "use client" file
 * imports, directly or not, ships to the browser; the server-side catalogues and the pure core's heavy parts do
 * not belong there. Findings reach client components with their titles (withTitles, lib/pki/findings.ts), and
 * the few constants a form needs come from small modules (lib/pki/input-limits.ts) or from the server page.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");

/** Modules (relative to the root) or packages that must not reach a client component, and why. */
const NOT_IN_THE_BROWSER: { test: (module: string) => boolean; why: string }[] = [
  {
    test: (m) => /^lib\/pki\/finding-catalogue\/(?!anchor\.ts$|spec\.ts$)/.test(m),
    why: "the finding catalogue (pass findings with their titles from the server: withTitles)",
  },
  { test: (m) => m === "lib/pki/findings.ts", why: "finding() reads the catalogue (import its types only)" },
  { test: (m) => m === "lib/pki/index.ts", why: 'the "@/lib/pki" barrel (node:crypto, the whole core)' },
  { test: (m) => m.startsWith("lib/server/"), why: "server-only code" },
  { test: (m) => m === "zod", why: "Zod schemas (validate on the server)" },
  { test: (m) => m === "lib/assets/kind-table.ts", why: "the kind table (pass labels and rules from the server)" },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(name) && !name.endsWith(".test.ts") ? [rel] : [];
  });
}

const directive = (source: string) =>
  /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["']use (client|server)["']/.exec(source)?.[1];

/** The modules `file` imports for their values (type-only imports are erased): local paths or package names. */
function imports(file: string): string[] {
  const source = readFileSync(path.join(ROOT, file), "utf8");
  const found: string[] = [];
  const statement =
    /^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm;
  for (const m of source.matchAll(statement)) {
    if (m[5]) {
      found.push(m[5]);
      continue;
    }
    if (m[2]) continue;
    const braces = /\{([^}]*)\}/.exec(m[3]!)?.[1];
    const onlyTypes =
      braces !== undefined &&
      !/^[^{]*\w[^{]*\{/.test(m[3]!) &&
      braces
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .every((s) => s.startsWith("type "));
    if (!onlyTypes) found.push(m[4]!);
  }
  return found;
}

function resolve(from: string, spec: string): string {
  const base = spec.startsWith("@/")
    ? spec.slice(2)
    : spec.startsWith(".")
      ? path.posix.normalize(path.posix.join(path.posix.dirname(from), spec))
      : undefined;
  if (base === undefined) return spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`])
    if (existsSync(path.join(ROOT, candidate)) && statSync(path.join(ROOT, candidate)).isFile()) return candidate;
  return base;
}

/** Each module reachable from `entry` with the import chain that reaches it; server actions are only references. */
function reachable(entry: string): Map<string, string[]> {
  const chains = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    for (const spec of imports(file)) {
      const target = resolve(file, spec);
      if (chains.has(target)) continue;
      chains.set(target, [...chains.get(file)!, target]);
      const local = /\.tsx?$/.test(target) && existsSync(path.join(ROOT, target));
      if (local && directive(readFileSync(path.join(ROOT, target), "utf8")) !== "server") queue.push(target);
    }
  }
  return chains;
}

const clientComponents = [...sourceFiles("app"), ...sourceFiles("components")].filter(
  (f) => directive(readFileSync(path.join(ROOT, f), "utf8")) === "client",
);

describe("client components (what the browser loads, issue 16)", () => {
  it("finds the client components and follows their imports", () => {
    expect(clientComponents).toContain("app/(portal)/connections/[id]/upload/[kind]/upload-form.tsx");
    const upload = reachable("app/(portal)/connections/[id]/upload/[kind]/upload-form.tsx");
    expect([...upload.keys()]).toEqual(
      expect.arrayContaining(["components/findings-list.tsx", "lib/pki/input-limits.ts", "lib/pki/visible-text.ts"]),
    );
  });

  it("would catch a client component that imports the catalogue through another module", () => {
    const findings = reachable("lib/pki/visible-text.ts");
    expect([...findings.keys()].filter((m) => NOT_IN_THE_BROWSER.some((r) => r.test(m)))).toEqual([]);
    const decoder = reachable("lib/pki/decode.ts");
    expect(decoder.get("lib/pki/finding-catalogue/index.ts")).toEqual([
      "lib/pki/decode.ts",
      "lib/pki/findings.ts",
      "lib/pki/finding-catalogue/index.ts",
    ]);
  });

  it.each(clientComponents)("%s imports nothing that belongs on the server", (file) => {
    const problems = [...reachable(file)].flatMap(([module, chain]) =>
      NOT_IN_THE_BROWSER.filter((r) => r.test(module)).map((r) => `${chain.join(" → ")}: ${r.why}`),
    );
    expect(problems).toEqual([]);
  });
});
