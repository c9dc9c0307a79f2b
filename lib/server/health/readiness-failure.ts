import "server-only";

/** A readiness check that failed, with a message safe to publish (names what failed, never a secret). */
export class ReadinessFailure extends Error {}
