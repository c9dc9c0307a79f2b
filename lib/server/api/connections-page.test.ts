import { describe, expect, it } from "vitest";
import { CONNECTIONS_PAGE_SIZE, ConnectionsQuery } from "./schemas";
import { openApiDocument } from "./openapi";

/**
 * The page size of GET /api/v1/connections is part of the API's contract: a client that does not follow the Link
 * header gets exactly one default page. It went from 500 to 100 (issue 16); a change must be deliberate.
 */
describe("GET /api/v1/connections page size", () => {
  it("is 100 by default and takes 1 to 1,000 on request", () => {
    expect(CONNECTIONS_PAGE_SIZE).toBe(100);
    expect(ConnectionsQuery.parse({}).limit).toBe(100);
    expect(ConnectionsQuery.parse({ limit: "1000" }).limit).toBe(1000);
    expect(ConnectionsQuery.safeParse({ limit: "1001" }).success).toBe(false);
    expect(ConnectionsQuery.safeParse({ limit: "0" }).success).toBe(false);
  });

  it("says so in the OpenAPI document clients read", () => {
    const paths = openApiDocument().paths as Record<string, { get?: { parameters?: unknown[] } }>;
    const limit = (paths["/api/v1/connections"]?.get?.parameters ?? []).find(
      (p) => (p as { name?: string }).name === "limit",
    ) as { schema?: { default?: unknown; maximum?: unknown }; description?: string } | undefined;
    expect(limit?.schema?.default).toBe(100);
    expect(limit?.schema?.maximum).toBe(1000);
  });
});
