import { getDb } from "@/lib/server/db/client";
import { searchQuery, searchVersions } from "@/lib/server/search/search-versions";
import { AppError } from "@/lib/server/errors";
import { csvDownload, csvRoute, VERSION_COLUMNS } from "@/app/_lib/csv-route";

const COLUMNS = [
  ...VERSION_COLUMNS,
  "state",
  "subject",
  "serial",
  "sha256",
  "host",
  "notAfter",
  "createdAt",
  "versionId",
  "connectionId",
] as const;

/** The search page's results as CSV (every page, capped), with the same scope: a customer's own organization. */
export const GET = csvRoute(async (request, actor) => {
  const parsed = searchQuery.safeParse({ q: new URL(request.url).searchParams.get("q") ?? "" });
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Invalid search.");
  const { items } = await searchVersions({ db: getDb(), actor, query: parsed.data, all: true });
  return csvDownload("search", COLUMNS, items);
});
