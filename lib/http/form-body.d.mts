export const DISCARD_LIMIT_BYTES: number;
export const FORM_BODY_LIMIT_BYTES: number;
export function formBodyRefusal(
  method: string | undefined,
  pathname: string,
  headers: Record<string, string | string[] | undefined>,
): { status: 411 | 413; body: { error: "LENGTH_REQUIRED" | "PAYLOAD_TOO_LARGE"; message: string } } | undefined;
