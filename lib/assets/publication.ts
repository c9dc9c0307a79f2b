import type { Environment } from "@/lib/pki";

/**
 * Publication requests (DESIGN.md §7: nobody acts alone on Production trust). PreProd material is in force as soon
 * as it is published; Production material waits for a second, distinct staff member (lib/assets/separation.ts).
 * PENDING → PUBLISHED | REFUSED, applied with `where: { id, state: "PENDING" }` so two deciders cannot both win.
 */
export const PUBLICATION_STATES = ["PENDING", "PUBLISHED", "REFUSED"] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

export const PUBLICATION_STATE_LABELS: Record<PublicationState, string> = {
  PENDING: "Waiting for a second person",
  PUBLISHED: "Published (in force)",
  REFUSED: "Refused",
};

/** Production trust changes need a second person; PreProd is for trying things out and stays immediate. */
export function needsSecondPerson(environment: Environment): boolean {
  return environment === "PRD";
}

/**
 * The most connections one publication targets (a rotation campaign covers a whole program and environment). The
 * publish form lists targets only when a filter narrows them to this many, so "tick all" stays publishable.
 */
export const PUBLISH_TARGET_LIMIT = 500;

/**
 * How long a publication's transaction may run before the database client gives up on it. Putting a publication in
 * force writes each target's version, audit event and notice in one transaction, about 13 statements a target: 500
 * PreProd targets took 8.8 s on PostgreSQL and a second person's approval of 500 Production targets 7.6 s (4.0 and
 * 3.4 s on SQLite; load 2.5, 2 cores). Prisma's default of 5 s for any transaction refused both, as BUSY ("try
 * again"), which no retry cures; so the limit grows with the targets, ~4× what was measured.
 */
export function publicationTimeoutMs(targets: number): number {
  return 10_000 + 60 * targets;
}
