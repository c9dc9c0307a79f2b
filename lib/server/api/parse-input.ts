import "server-only";
import type { z } from "zod";
import { AppError } from "../errors";
import { readJson } from "./http";

/**
 * What a route answers (422 INVALID_INPUT) when its input does not fit the schema: by default every issue as
 * `path: message`, joined by "; "; a route may instead give a fixed sentence telling its callers what it takes, or
 * its own wording of the Zod error.
 */
export type InvalidInput = string | ((error: z.ZodError) => string);

/** Every issue as `path: message`; an issue on the whole input is named `root`. */
function listIssues(error: z.ZodError, root: string): string {
  return error.issues.map((i) => `${i.path.join(".") || root}: ${i.message}`).join("; ");
}

function parsed<S extends z.ZodType>(
  schema: S,
  input: unknown,
  invalid: InvalidInput | undefined,
  root: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const message =
    typeof invalid === "string" ? invalid : invalid ? invalid(result.error) : listIssues(result.error, root);
  throw new AppError("INVALID_INPUT", message);
}

/**
 * A route's JSON body, read within the size limit (`readJson`) and parsed with its schema; anything else is a 422
 * before the service is called. `emptyAs` stands for an empty body (a route whose body is all optional).
 */
export async function parseBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  options: { invalid?: InvalidInput; emptyAs?: unknown } = {},
): Promise<z.output<S>> {
  const body = await readJson(request, { emptyAs: options.emptyAs });
  return parsed(schema, body, options.invalid, "body");
}

/** A route's query string parsed with its schema (each parameter once); anything else is a 422. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S, invalid?: InvalidInput): z.output<S> {
  return parsed(schema, Object.fromEntries(new URL(request.url).searchParams), invalid, "");
}
