import { describe, expect, it } from "vitest";
import { finding } from "./findings";
import { checkEnvironmentMixup, oneKeyPerEnvironment } from "./policy/environment-mixup";
import { checkPublishedCertificates } from "./publication";

const cert = (ca: boolean, pin = "p") => ({ details: { basicConstraints: { ca }, spkiSha256: pin } });

describe("checkPublishedCertificates", () => {
  const notCa = finding("TRUST_STORE_NOT_CA", "leaf");
  it("keeps a CA-only publication's findings as they are", () => {
    const other = finding("CHAIN_ANCHORED_IN_MOZILLA", "ok");
    expect(checkPublishedCertificates({ findings: [other], certificates: [cert(true)] }, "ca-only")).toEqual([other]);
  });
  it("turns a leaf into a warning for CA kinds and a note for a chain", () => {
    const checked = { findings: [notCa], certificates: [cert(false), cert(true)] };
    expect(checkPublishedCertificates(checked, "ca-only").map((f) => [f.code, f.severity])).toEqual([
      ["NOT_A_CA_CERTIFICATE", "warning"],
    ]);
    expect(checkPublishedCertificates(checked, "chain").map((f) => [f.code, f.severity])).toEqual([
      ["LEAF_INCLUDED", "info"],
    ]);
  });
});

describe("checkEnvironmentMixup", () => {
  const connection = { identifier: "BANK1", environment: "PRD" as const };
  it("refuses a key already submitted on the other environment", () => {
    const found = checkEnvironmentMixup({
      asset: "csr",
      report: { certificates: [], csr: { details: { spkiSha256: "k1" } } },
      connection,
      siblings: [{ environment: "PPR", report: { certificates: [cert(false, "k1")] } }],
    });
    expect(found.map((f) => f.code)).toEqual(["ENVIRONMENT_MIXUP"]);
    expect(found[0]!.message).toContain("already submitted for PPR on BANK1");
  });
  it("accepts another key", () => {
    const siblings = [{ environment: "PPR", report: { certificates: [cert(false, "k2")] } }];
    expect(
      checkEnvironmentMixup({
        asset: "client-certificate",
        report: { certificates: [cert(false, "k1")] },
        connection,
        siblings,
      }),
    ).toEqual([]);
  });
  it("holds client credentials to it, not a trust store or a server chain", () => {
    const report = { certificates: [cert(true, "k1")] };
    const siblings = [{ environment: "PPR", report }];
    const codes = (asset: "csr" | "client-certificate" | "server-chain" | "trust-store") =>
      checkEnvironmentMixup({ asset, report, connection, siblings }).map((f) => f.code);
    expect(codes("client-certificate")).toEqual(["ENVIRONMENT_MIXUP"]);
    expect(codes("trust-store")).toEqual([]);
    expect(codes("server-chain")).toEqual([]);
    expect(
      ["csr", "client-certificate", "server-chain", "trust-store"].filter((a) => oneKeyPerEnvironment(a as never)),
    ).toEqual(["csr", "client-certificate"]);
  });
});
