import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { validate } from "@readme/openapi-parser";
import { test, expect } from "../support/fixtures";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");

/** Every route file under app/api/v1 as [OpenAPI path, methods it exports]. */
function routeFiles(dir = API_DIR): [string, string[]][] {
  return readdirSync(dir).flatMap((name): [string, string[]][] => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    if (name !== "route.ts") return [];
    const source = readFileSync(full, "utf8");
    const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
      (m) => m[1]!.toLowerCase(),
    );
    const route =
      "/api/v1/" +
      path
        .relative(API_DIR, path.dirname(full))
        .split(path.sep)
        .map((s) => s.replace(/^\[(\w+)\]$/, "{$1}"))
        .join("/");
    return [[route.replace(/\/$/, ""), methods]];
  });
}

test("the OpenAPI document is valid OpenAPI 3.1 and describes exactly the routes the code has", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const document = await response.json();
  expect(document.openapi).toBe("3.1.0");
  const result = await validate(structuredClone(document));
  expect(result.valid, JSON.stringify(result, null, 1)).toBe(true);

  const files = routeFiles();
  expect(files.length).toBeGreaterThanOrEqual(10);
  const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).map(
    ([p, ops]) => [p, Object.keys(ops).sort()] as const,
  );
  expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(files.map(([p, m]) => [p, m.sort()])));
});

test("the upload body schema in the document is the one the handler enforces", async ({ request }) => {
  const document = await (await request.get("/api/v1/openapi.json")).json();
  const upload = document.paths["/api/v1/connections/{id}/assets"].post;
  const schema = JSON.stringify(upload.requestBody.content["application/json"].schema);
  for (const kind of ["CUSTOMER_CSR", "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN", "ISSUER_HOST"])
    expect(schema).toContain(kind);
  expect(Object.keys(upload.responses).sort()).toEqual(["201", "401", "403", "404", "409", "413", "422", "503"]);
});
