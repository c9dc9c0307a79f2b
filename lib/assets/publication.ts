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
