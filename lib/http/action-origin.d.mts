import type { IncomingHttpHeaders } from "node:http";

export function crossOriginActionRefusal(
  method: string | undefined,
  pathname: string,
  headers: IncomingHttpHeaders,
): { status: number; body: { error: string; message: string } } | undefined;
