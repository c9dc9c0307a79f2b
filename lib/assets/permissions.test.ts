import { describe, expect, it } from "vitest";
import { ACTIONS, ROLES, can, isRole, roleSide, rolesForSide } from "./permissions";

describe("permission table", () => {
  it("lets only Thales delivery review and issue", () => {
    for (const action of ["asset:review", "asset:issue"] as const) {
      expect(ROLES.filter((role) => can(role, action))).toEqual(["THALES_DELIVERY"]);
    }
  });
  it("lets only customers upload, withdraw and acknowledge", () => {
    for (const action of ["asset:upload", "asset:withdraw", "asset:acknowledge"] as const) {
      expect(ROLES.filter((role) => can(role, action))).toEqual(["CUSTOMER"]);
    }
  });
  it("keeps user and organization management to admins", () => {
    expect(ROLES.filter((role) => can(role, "user:manage"))).toEqual(["ADMIN"]);
    expect(ROLES.filter((role) => can(role, "organization:manage"))).toEqual(["ADMIN"]);
  });
  it("never lets a customer read other organizations or the audit log", () => {
    expect(can("CUSTOMER", "connection:read-any")).toBe(false);
    expect(can("CUSTOMER", "audit:read")).toBe(false);
  });
  it("grants every action to at least one role", () => {
    for (const action of ACTIONS) expect(ROLES.some((role) => can(role, action))).toBe(true);
  });
  it("lets the read-only customer role read and download its own organization's objects, nothing more", () => {
    expect(ACTIONS.filter((action) => can("CUSTOMER_READ_ONLY", action))).toEqual([
      "connection:read-own",
      "asset:export-trust-store",
    ]);
    expect(roleSide("CUSTOMER_READ_ONLY")).toBe("CUSTOMER");
  });
  it("derives which roles each side may hold from the role table", () => {
    expect(rolesForSide("CUSTOMER")).toEqual(["CUSTOMER", "CUSTOMER_READ_ONLY"]);
    expect(rolesForSide("THALES")).toEqual(["THALES_DELIVERY", "ADMIN"]);
  });
  it("recognizes roles", () => {
    expect(isRole("ADMIN")).toBe(true);
    expect(isRole("admin")).toBe(false);
  });
});
