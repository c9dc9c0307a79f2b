import Link from "next/link";

/** `path?…filters&page=n`: a page link that keeps the list's filters. */
export function pageHref(path: string, filters: Record<string, string | number | undefined>, page: number): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters))
    if (value !== undefined && value !== "") query.set(key, String(value));
  query.set("page", String(page));
  return `${path}?${query}`;
}

/** The page number asked for in `?page=`, 1 when absent or not a number. */
export function pageNumber(raw: string | undefined): number {
  return Math.max(1, Math.min(10_000, Math.floor(Number(raw)) || 1));
}

/**
 * Where a page of `shown` rows of a list of `total` sits: its first and last row numbers (from 1) and whether rows
 * follow it.
 */
export function pageSpan(page: number, size: number, shown: number, total: number) {
  const first = (page - 1) * size + 1;
  const last = first + shown - 1;
  return { first, last, hasNext: last < total };
}

/** Previous / Page N / Next for a paged list (`children`: more links at the end of the row). */
export function Pager({
  page,
  hasNext,
  href,
  children,
}: {
  page: number;
  hasNext: boolean;
  href: (page: number) => string;
  children?: React.ReactNode;
}) {
  return (
    <nav aria-label="Pages" className="flex gap-4 text-sm">
      {page > 1 && (
        <Link className="underline" href={href(page - 1)}>
          ← Previous
        </Link>
      )}
      <span className="text-slate-600">Page {page}</span>
      {hasNext && (
        <Link className="underline" href={href(page + 1)}>
          Next →
        </Link>
      )}
      {children}
    </nav>
  );
}

/** A paged list's whole count above it (`children` says of what), and which rows this page shows when not all. */
export function ListTotal({
  total,
  first,
  last,
  testId,
  children,
}: {
  total: number;
  first: number;
  last: number;
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <p className="text-sm text-slate-600" data-testid={testId}>
      <strong>{total}</strong> {children}
      {last >= first && last - first + 1 < total ? ` · showing ${first}–${last}` : ""}.
    </p>
  );
}
