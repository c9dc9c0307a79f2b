import "server-only";

/**
 * Typed errors (STYLE.md §7). Services throw AppError with a code; edges map the code to an HTTP status
 * and a message a user may see. A raw exception message or stack never reaches the client.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: { status: 401, message: "Please sign in." },
  FORBIDDEN: { status: 403, message: "You are not allowed to do this." },
  NOT_FOUND: { status: 404, message: "Not found." },
  CONFLICT: { status: 409, message: "This changed in the meantime. Reload and try again." },
  INVALID_INPUT: { status: 422, message: "The input is not valid." },
  PAYLOAD_TOO_LARGE: { status: 413, message: "The input is too large." },
  THROTTLED: { status: 429, message: "Too many attempts. Wait a few minutes and try again." },
  BUSY: { status: 503, message: "The portal is too busy to do this now. Nothing was changed; try again in a moment." },
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** A message safe to show the user; defaults to the code's generic one. */
    readonly userMessage: string = ERROR_CODES[code].message,
    readonly details?: unknown,
  ) {
    super(userMessage);
    this.name = "AppError";
  }
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * Any error as an AppError: ours as they are; database races (unique violation, write conflict, deadlock) as
 * CONFLICT, since the other request won; a database that stayed locked past the wait as BUSY (P1008: SQLite's write
 * lock held by other processes for WRITE_WAIT_MS, decision 033; P2028: a transaction that could not start within
 * its maxWait); anything else stays unknown (500, logged, never shown).
 */
export function toAppError(error: unknown): AppError | undefined {
  if (isAppError(error)) return error;
  const code = (error as { code?: unknown })?.code;
  if (code === "P2002" || code === "P2034" || code === "P2025") return new AppError("CONFLICT");
  if (code === "P1008" || code === "P2028") return new AppError("BUSY");
  const message = error instanceof Error ? error.message : "";
  if (/SQLITE_BUSY|database is locked/i.test(message)) return new AppError("BUSY");
  if (/could not serialize|deadlock detected|Unique constraint/i.test(message)) return new AppError("CONFLICT");
  // PostgreSQL refuses NUL in text (22021): the input, not the server, is at fault.
  if (code === "22021" || /invalid byte sequence for encoding/i.test(message))
    return new AppError("INVALID_INPUT", "The input contains a character that cannot be stored (NUL).");
  return undefined;
}
