import "server-only";
import type { Role } from "@/lib/assets/permissions";
import type { Db } from "./db/client";

/** Who is acting, re-read from the database on every request (a disabled user loses access at once). */
export type Actor = {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string;
  organizationName: string;
  organizationKind: string;
  /** The role requires a second factor and none is set up yet: only enrolment is allowed. */
  mfaEnrolmentRequired: boolean;
  mfaEnabled: boolean;
  /** Invited or reset with a one-time password: only choosing a password (and signing out) is allowed. */
  mustChangePassword: boolean;
  /** The browser session acting (absent for API tokens and scripts). */
  sessionId?: string;
};

/** Where a request came from, for the audit trail. Filled in by the edge (route handler or action). */
export type RequestOrigin = { ip?: string; userAgent?: string };

/** A filtered list's arguments: who asks, the filter its Zod schema parsed, and the clock. */
export type FilteredList<F> = { db: Db; actor: Actor; filter: F; now?: Date };
