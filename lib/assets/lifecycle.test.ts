import { describe, expect, it } from "vitest";
import {
  EVENTS,
  parseSeq,
  STATES,
  TRANSITIONS,
  allows,
  approvalEvent,
  requiredApprovals,
  statesAllowing,
  transition,
  type LifecycleEvent,
  type VersionState,
} from "./lifecycle";

// The whole table, written out once more by hand: every (state, event) pair not listed here must be refused.
const ALLOWED: [VersionState, LifecycleEvent, VersionState][] = [
  ["SUBMITTED", "APPROVE_PARTIAL", "IN_REVIEW"],
  ["SUBMITTED", "APPROVE_FINAL", "APPROVED"],
  ["IN_REVIEW", "APPROVE_FINAL", "APPROVED"],
  ["SUBMITTED", "REJECT", "REJECTED"],
  ["IN_REVIEW", "REJECT", "REJECTED"],
  ["SUBMITTED", "WITHDRAW", "WITHDRAWN"],
  ["IN_REVIEW", "WITHDRAW", "WITHDRAWN"],
  ["APPROVED", "ISSUE", "ISSUED"],
  ["APPROVED", "SUPERSEDE", "SUPERSEDED"],
  ["ISSUED", "SUPERSEDE", "SUPERSEDED"],
  ["PUBLISHED", "SUPERSEDE", "SUPERSEDED"],
  ["ACKNOWLEDGED", "SUPERSEDE", "SUPERSEDED"],
  ["PUBLISHED", "ACKNOWLEDGE", "ACKNOWLEDGED"],
  ["PUBLISHED", "REQUEST_REVOCATION", "REVOCATION_REQUESTED"],
  ["ACKNOWLEDGED", "REQUEST_REVOCATION", "REVOCATION_REQUESTED"],
  ["REVOCATION_REQUESTED", "DECLINE_REVOCATION", "ACKNOWLEDGED"],
  ["PUBLISHED", "REVOKE", "REVOKED"],
  ["ACKNOWLEDGED", "REVOKE", "REVOKED"],
  ["SUPERSEDED", "REVOKE", "REVOKED"],
  ["REVOCATION_REQUESTED", "REVOKE", "REVOKED"],
  ["RETIRING", "REVOKE", "REVOKED"],
  ["APPROVED", "OVERLAP", "RETIRING"],
  ["ISSUED", "OVERLAP", "RETIRING"],
  ["PUBLISHED", "OVERLAP", "RETIRING"],
  ["ACKNOWLEDGED", "OVERLAP", "RETIRING"],
  ["RETIRING", "RETIRE", "SUPERSEDED"],
];

describe("lifecycle transition table", () => {
  for (const from of STATES) {
    for (const event of EVENTS) {
      const allowed = ALLOWED.find(([f, e]) => f === from && e === event);
      it(`${from} --${event}--> ${allowed ? allowed[2] : "refused"}`, () => {
        expect(transition(from, event)).toEqual(
          allowed ? { ok: true, from, to: allowed[2] } : { ok: false, from, event },
        );
      });
    }
  }

  it("statesAllowing lists, for each event, exactly the states the table moves with it (asset-level API commands use it)", () => {
    for (const event of EVENTS)
      expect(statesAllowing(event).sort()).toEqual(
        ALLOWED.filter(([, e]) => e === event)
          .map(([f]) => f)
          .sort(),
      );
  });

  it("has no transition out of a final state (a superseded certificate can still be revoked: it is valid)", () => {
    expect(TRANSITIONS.REVOKE.SUPERSEDED).toBe("REVOKED");
    for (const final of ["REJECTED", "WITHDRAWN", "REVOKED"] as const) {
      for (const event of EVENTS) expect(TRANSITIONS[event][final]).toBeUndefined();
    }
  });

  it("withdraws until the review is final: also a PRD version holding one of its two approvals, never an approved one", () => {
    expect(transition("IN_REVIEW", "WITHDRAW").ok).toBe(true);
    for (const state of ["APPROVED", "ISSUED", "REJECTED"] as const) expect(allows(state, "WITHDRAW")).toBe(false);
  });
});

describe("four-eyes", () => {
  it("needs two approvals on PRD and one on PPR", () => {
    expect(requiredApprovals("PRD")).toBe(2);
    expect(requiredApprovals("PPR")).toBe(1);
    expect(approvalEvent("PRD", 0)).toBe("APPROVE_PARTIAL");
    expect(approvalEvent("PRD", 1)).toBe("APPROVE_FINAL");
    expect(approvalEvent("PPR", 0)).toBe("APPROVE_FINAL");
  });
});

describe("parseSeq", () => {
  it("reads a version number and nothing else", () => {
    expect(["1", "42", "999999999"].map(parseSeq)).toEqual([1, 42, 999_999_999]);
    for (const bad of ["", "0", "01", "-1", "+1", "1e3", "1.0", " 1", "1 ", "0x10", "1000000000", "NaN"])
      expect(parseSeq(bad), bad).toBeUndefined();
  });
});
