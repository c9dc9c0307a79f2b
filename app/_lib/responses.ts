import "server-only";
import { toAppError } from "@/lib/server/errors";
import { apiError } from "@/lib/server/api/http";

/** The branded page's words per status, for a file route reached in a browser (same as app/not-found and forbidden). */
const BROWSER_PAGES: Partial<Record<number, { title: string; text: string; link: { href: string; label: string } }>> = {
  401: {
    title: "Please sign in",
    text: "Sign in to download this file.",
    link: { href: "/login", label: "Sign in" },
  },
  403: {
    title: "Not available for your role",
    text: "Ask an administrator if you need access to this file.",
    link: { href: "/", label: "Back to the portal" },
  },
  404: {
    title: "File not found",
    text: "This file does not exist, or it belongs to another organization.",
    link: { href: "/", label: "Back to the portal" },
  },
};

/** A browser navigating to a file link says so in Accept; API clients (JSON, curl's *\/*) never list text/html. */
export function wantsHtml(request: Request): boolean {
  return /\btext\/html\b/i.test(request.headers.get("accept") ?? "");
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * File routes (downloads, trust-store exports, CSV exports) answer a browser's 401/403/404 with the branded
 * page, status kept, instead of raw JSON in a tab; everyone else gets the API's JSON error (`apiError`, the one mapper). The page is
 * self-contained (inline style): a route handler has no layout or stylesheet to render into.
 */
export function fileErrorResponse(request: Request, error: unknown): Response {
  const known = toAppError(error);
  const page = known && wantsHtml(request) ? BROWSER_PAGES[known.status] : undefined;
  if (!known || !page) return apiError(error, request);
  const requestId = request.headers.get("x-request-id");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} · TLS Onboarding Portal</title>
<style>
body{margin:0;background:#f8fafc;color:#0f172a;font-family:ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{max-width:32rem;margin:4rem auto 0;padding:1.5rem;border:1px solid #fde68a;border-radius:.5rem;background:#fffbeb;color:#78350f}
h1{margin:0 0 .5rem;font-size:1.125rem}p{margin:0;font-size:.875rem}code{display:block;margin-top:.5rem;font-size:.75rem}
a{display:inline-block;margin-top:.75rem;font-size:.875rem;color:inherit}a:focus-visible{outline:2px solid #2563eb;outline-offset:2px}
</style></head>
<body><main role="alert" data-testid="file-error"><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.text)}</p>${
    requestId ? `<code data-testid="error-reference">request ${escapeHtml(requestId)}</code>` : ""
  }<a href="${page.link.href}">${escapeHtml(page.link.label)}</a></main></body></html>`;
  return new Response(html, {
    status: known.status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export function fileResponse(file: { filename: string; contentType: string; body: Uint8Array | string }): Response {
  return new Response(typeof file.body === "string" ? file.body : Buffer.from(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
