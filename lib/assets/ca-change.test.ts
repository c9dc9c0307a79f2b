import { describe, expect, it } from "vitest";
import {
  CA_CHANGE_KINDS,
  caChangeKindRequired,
  caChangeRetireAt,
  caChangeStatus,
  changeDateProblem,
  earliestChangeAt,
} from "./ca-change";

const now = new Date("2026-06-01T15:30:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("customer CA change notice", () => {
  it("brings the customer's server chain (required) and trust store (optional), from the kind table", () => {
    expect([...CA_CHANGE_KINDS].sort()).toEqual(["CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN", "CUSTOMER_TRUST_STORE"]);
    expect(caChangeKindRequired("CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN")).toBe(true);
    expect(caChangeKindRequired("CUSTOMER_TRUST_STORE")).toBe(false);
  });

  it("needs the notice in whole days after today (UTC), and says which day is the first allowed", () => {
    expect(earliestChangeAt(now, 7)).toEqual(day("2026-06-08"));
    expect(changeDateProblem(day("2026-06-08"), now, 7)).toBeUndefined();
    expect(changeDateProblem(new Date("2026-06-20T12:00:00Z"), now, 7)).toBeUndefined();
    expect(changeDateProblem(day("2026-06-07"), now, 7)).toBe(
      "A CA change is announced at least 7 days ahead: choose 2026-06-08 or later.",
    );
    expect(changeDateProblem(day("2026-06-01"), now, 1)).toContain("at least 1 day ahead");
    expect(changeDateProblem(day("2026-06-01"), now, 0)).toBeUndefined();
    expect(changeDateProblem(new Date("nope"), now, 7)).toBe("The change date is not a valid date.");
  });

  it("keeps the old anchors until the change date plus the grace period", () => {
    expect(caChangeRetireAt(day("2026-06-10"), 7)).toEqual(day("2026-06-17"));
    expect(caChangeRetireAt(day("2026-06-10"), 0)).toEqual(day("2026-06-10"));
  });

  it("derives its status from its versions' lifecycle states", () => {
    const retireAt = day("2026-06-17");
    expect(caChangeStatus(["SUBMITTED", "APPROVED"], retireAt, now)).toBe("in-review");
    expect(caChangeStatus(["IN_REVIEW"], retireAt, now)).toBe("in-review");
    expect(caChangeStatus(["REJECTED", "APPROVED"], retireAt, now)).toBe("rejected");
    expect(caChangeStatus(["WITHDRAWN", "SUBMITTED"], retireAt, now)).toBe("withdrawn");
    expect(caChangeStatus(["APPROVED", "APPROVED"], retireAt, now)).toBe("overlap");
    expect(caChangeStatus(["APPROVED"], retireAt, day("2026-06-17"))).toBe("done");
    expect(caChangeStatus(["SUPERSEDED", "APPROVED"], retireAt, now)).toBe("done");
  });
});
