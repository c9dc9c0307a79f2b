import { describe, expect, it } from "vitest";
import { grantApprovalProblem, grantNeedsApproval, isRaise, secondPersonProblem, type StaffPerson } from "./separation";

const person = (
  id: string,
  grantedById: string | null = null,
  grantApprovedById: string | null = null,
  grantPending = false,
): StaffPerson => ({ id, grantedById, grantApprovedById, grantPending });

describe("separation of duties", () => {
  const admin = person("A");
  const secondAdmin = person("B", "A"); // bootstrap: A created B alone
  it("lets the first admin grant alone, then needs a second admin", () => {
    expect(grantNeedsApproval(0)).toBe(false);
    expect(grantNeedsApproval(1)).toBe(false);
    expect(grantNeedsApproval(2)).toBe(true);
  });
  it("only raises are grants", () => {
    expect(isRaise("THALES_DELIVERY", "ADMIN")).toBe(true);
    expect(isRaise("ADMIN", "THALES_DELIVERY")).toBe(false);
    expect(isRaise("ADMIN", "ADMIN")).toBe(false);
  });
  it("two accounts one admin made alone are one person", () => {
    expect(secondPersonProblem(person("D1", "A"), person("D2", "A"))).toBe("SAME_GRANTER");
  });
  it("two accounts one admin made and a second admin approved are two people", () => {
    expect(secondPersonProblem(person("D1", "A", "B"), person("D2", "A", "B"))).toBeNull();
  });
  it("an admin cannot use the approval of an account they created, nor approve its requests", () => {
    expect(secondPersonProblem(admin, person("D1", "A", "B"))).toBe("CREATED_BY_REQUESTER");
    expect(secondPersonProblem(person("D1", "A", "B"), admin)).toBe("CREATED_THE_REQUESTER");
    expect(secondPersonProblem(admin, admin)).toBe("SAME_PERSON");
  });
  it("a pending account's decision never counts", () => {
    expect(secondPersonProblem(person("D1"), person("D2", "A", null, true))).toBe("GRANT_PENDING");
    expect(grantApprovalProblem(admin, person("C", "B", null, true), "X")).toBe("GRANT_PENDING");
  });
  it("grant approvals: not by the requester, the grantee or an account the requester created", () => {
    expect(grantApprovalProblem(admin, admin, "X")).toBe("SAME_PERSON");
    expect(grantApprovalProblem(admin, secondAdmin, "X")).toBe("CREATED_BY_REQUESTER");
    expect(grantApprovalProblem(secondAdmin, admin, "X")).toBeNull();
    expect(grantApprovalProblem(secondAdmin, person("C", "B", "A"), "C")).toBe("OWN_ACCOUNT");
  });
});
