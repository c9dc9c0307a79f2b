import { beforeAll, describe, expect, it } from "vitest";
import { analyzeChain } from "./chain";
import { checkAsset } from "./check";
import { findingCodes as codes, firstCertificates, makeFixtures, type Fixtures } from "./test-fixtures";

let fx: Fixtures;
beforeAll(() => {
  fx = makeFixtures();
});

const now = () => new Date(Date.now() + 86_400_000);
const ders = (...names: string[]) => firstCertificates(fx, ...names);
const cns = (r: { certificates: { summary: { subject: { rfc4514: string } } }[] }) =>
  r.certificates.map((c) => c.summary.subject.rfc4514.split(",")[0]);

describe("analyzeChain", () => {
  it("orders leaf → intermediate → root whatever the input order", () => {
    const r = analyzeChain(ders("root.pem", "leaf.pem", "int.pem"), { now: now(), mode: "server-chain" });
    expect(cns(r)).toEqual(["CN=api.customer.example", "CN=Acme Test Intermediate", "CN=Acme Test Root"]);
    expect(r.certificates.map((c) => c.role)).toEqual(["leaf", "intermediate", "root"]);
    expect(r.anchoredInMozilla).toBe(false);
    expect(codes(r)).toEqual(["CHAIN_NOT_MOZILLA_TRUSTED", "TRUST_STORE_DERIVABLE"]);
    expect(r.trustStore.certificates).toHaveLength(2);
  });

  it("anchors in the given roots", () => {
    const roots = ders("root.pem");
    const r = analyzeChain(ders("int.pem", "leaf.pem"), { now: now(), mode: "server-chain", roots });
    expect(r.anchoredInMozilla).toBe(true);
    expect(r.anchor?.subject.rfc4514).toBe("CN=Acme Test Root,O=Acme Bank");
    expect(codes(r)).toEqual(["CHAIN_ANCHORED_IN_MOZILLA"]);
  });

  it("reports a missing intermediate as an error", () => {
    expect(codes(analyzeChain(ders("leaf.pem", "root.pem"), { now: now(), mode: "server-chain" }))).toContain(
      "CHAIN_INCOMPLETE",
    );
  });

  it("rejects a non-CA issuer, bad signatures, expiry and wrong EKU", () => {
    expect(
      codes(
        analyzeChain(ders("leaf-under-notca.pem", "int-notca.pem", "root.pem"), { now: now(), mode: "server-chain" }),
      ),
    ).toEqual(expect.arrayContaining(["ISSUER_NOT_CA", "ISSUER_KEY_USAGE"]));
    const leaf = new Uint8Array(ders("leaf.pem")[0]!);
    leaf[leaf.length - 3]! ^= 1;
    expect(codes(analyzeChain([leaf, ...ders("int.pem", "root.pem")], { now: now(), mode: "server-chain" }))).toContain(
      "CHAIN_INCOMPLETE",
    );
    const late = new Date(Date.now() + 400 * 86_400_000);
    expect(codes(analyzeChain(ders("leaf.pem", "int.pem", "root.pem"), { now: late, mode: "server-chain" }))).toContain(
      "CERTIFICATE_EXPIRED",
    );
    expect(
      codes(analyzeChain(ders("leaf-client-eku.pem", "int.pem", "root.pem"), { now: now(), mode: "server-chain" })),
    ).toContain("LEAF_EKU_NOT_SERVER_AUTH");
  });

  it("enforces path length", () => {
    // int.pem has pathlen:0; put another CA below it.
    fx.openssl("ecparam -name prime256v1 -genkey -noout -out sub.key");
    fx.openssl("req -new -key sub.key -out sub.csr -subj '/CN=Sub CA'");
    fx.openssl(
      "x509 -req -in sub.csr -CA int.pem -CAkey int.key -set_serial 9 -days 100 -extfile ext.cnf -extensions v3_int -out sub.pem",
    );
    fx.openssl(
      "x509 -req -in leaf.csr -CA sub.pem -CAkey sub.key -set_serial 10 -days 100 -extfile ext.cnf -extensions v3_leaf -out leaf-sub.pem",
    );
    expect(
      codes(analyzeChain(ders("leaf-sub.pem", "sub.pem", "int.pem", "root.pem"), { now: now(), mode: "server-chain" })),
    ).toContain("PATH_LENGTH_EXCEEDED");
  });

  it("trust stores: CA certificates only", () => {
    const ok = analyzeChain(ders("root.pem", "int.pem"), { now: now(), mode: "trust-store" });
    expect(cns(ok)).toEqual(["CN=Acme Test Intermediate", "CN=Acme Test Root"]);
    expect(ok.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(codes(analyzeChain(ders("root.pem", "leaf.pem", "int.pem"), { now: now(), mode: "trust-store" }))).toContain(
      "TRUST_STORE_NOT_CA",
    );
  });

  it("checkAsset normalizes the stored PEM in chain order", async () => {
    const input = fx.text("root.pem") + fx.text("leaf.pem") + fx.text("int.pem");
    const r = await checkAsset(input, {
      program: "d1",
      environment: "PPR",
      identifier: "X",
      asset: "server-chain",
      now: now(),
    });
    expect(r.verdict).toBe("accepted");
    expect(r.normalizedPem).toBe(fx.text("leaf.pem") + fx.text("int.pem") + fx.text("root.pem"));
    expect(r.derivedTrustStorePem).toBe(fx.text("int.pem") + fx.text("root.pem"));
  });
});
