import "server-only";

/**
 * What names a connection to a person and in event payloads (organization, identifier, program, environment):
 * selected by every list and job that reports on versions across connections, so they all say the same.
 */
export const NAMED_CONNECTION = {
  id: true,
  environment: true,
  identifier: { select: { value: true, program: true, organization: { select: { name: true } } } },
} as const;

/** A version's kind and the connection it belongs to, named. */
export const VERSION_PLACE = { kind: true, connection: { select: NAMED_CONNECTION } } as const;
