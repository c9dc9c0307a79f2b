import "server-only";
import { z } from "zod";
import { API_ROUTES } from "./routes";

/** OpenAPI 3.1 (JSON Schema 2020-12, which zod emits) from the route list and the handlers' own schemas. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) {
    const parameters = [
      ...[...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: "path",
        required: true,
        schema: { type: "string" },
      })),
      ...(route.query
        ? Object.keys(route.query.shape).map((name) => ({
            name,
            in: "query",
            required: false,
            schema: z.toJSONSchema(route.query!.shape[name] as z.ZodType, { io: "input" }),
          }))
        : []),
    ];
    paths[route.path] ??= {};
    paths[route.path]![route.method] = {
      summary: route.summary,
      description: `Roles: ${route.roles}.`,
      security: [{ bearer: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: z.toJSONSchema(route.body, { io: "input" }) } },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.headers
              ? {
                  headers: Object.fromEntries(
                    Object.entries(r.headers).map(([name, description]) => [
                      name,
                      { description, schema: { type: "string" } },
                    ]),
                  ),
                }
              : {}),
            ...(r.schema
              ? { content: { "application/json": { schema: z.toJSONSchema(r.schema, { io: "output" }) } } }
              : r.contentType
                ? { content: { [r.contentType]: {} } }
                : {}),
          },
        ]),
      ),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "TLS Onboarding Portal API",
      version: "1.0.0",
      description:
        "Exchange mutual-TLS material with Thales per identifier and environment. Same services, rules and audit as the portal UI.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description:
            "API token (tlsp_…): create one on the portal's API tokens page or with `npm run --silent token -- --email <email>`",
        },
      },
    },
    paths,
  };
}
