import "server-only";
import { AppError } from "../errors";

/**
 * Opaque paging cursors for list endpoints: the sort key of the last row served, as base64url JSON. Opaque so
 * clients follow the `Link: rel="next"` URL instead of building one; a cursor that does not decode to the
 * expected number of strings is a 422 like any other invalid query, never a 500.
 */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor(cursor: string, length: number): string[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== length || !key.every((v) => typeof v === "string"))
    throw new AppError(
      "INVALID_INPUT",
      "cursor: not a cursor this endpoint gave out; follow the Link header's next URL.",
    );
  return key as string[];
}

/** `Link: <url>; rel="next"` (RFC 8288) for the page after `cursor`, keeping the request's other parameters. */
export function nextLink(requestUrl: string, cursor: string): string {
  const url = new URL(requestUrl);
  url.searchParams.set("cursor", cursor);
  return `<${url.pathname}${url.search}>; rel="next"`;
}
