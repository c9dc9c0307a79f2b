import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeFixtures, type Fixtures } from "./test-fixtures";

const BIN = path.resolve(import.meta.dirname, "../../bin/portal-check.mjs");
let fx: Fixtures;
beforeAll(() => {
  fx = makeFixtures();
});

function cli(args: string[], stdin?: Buffer | string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input: stdin, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, json: () => JSON.parse(r.stdout) };
}
const NOW = () => new Date(Date.now() + 86_400_000).toISOString();
const opts = (program: string, asset: string, extra: string[] = []) => [
  "--program",
  program,
  "--env",
  "PPR",
  "--id",
  "ISS123",
  "--asset",
  asset,
  "--now",
  NOW(),
  ...extra,
];

describe("portal-check CLI", () => {
  it("d1: accepted CSR → exit 0, JSON shape", () => {
    const r = cli([fx.file("d1-ec.csr"), ...opts("d1", "csr"), "--json"]);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({
      verdict: "accepted",
      found: "1 CSR",
      findings: [],
      certificates: [],
      csr: {
        subject: "CN=TLSMA-ECDSA/ISS123/D1.PPR,OU=Payments,O=Acme Bank,L=Paris,ST=Ile-de-France,C=FR",
        publicKey: "EC P-256",
        signatureAlgorithm: "ecdsa-with-SHA256",
      },
    });
  });

  it("d1-ecom: wrong CN → exit 1 with the corrected -subj in the human report", () => {
    const r = cli([fx.file("d1-ec-wrong-cn.csr"), ...opts("d1-ecom", "csr")]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("Verdict: REJECTED");
    expect(r.out).toContain("CN=TLSMA-ECDSA\\/ISS123\\/D1.PPR");
  });

  it("tsh: self-signed client certificate from stdin, expected CN", () => {
    const ok = cli(
      ["-", ...opts("tsh", "client-certificate", ["--expected-cn", "TSH-CUST42-PPR"]), "--json"],
      fx.read("tsh-ec.crt"),
    );
    expect(ok.code).toBe(0);
    expect(ok.json().certificates).toHaveLength(1);
    expect(ok.json().certificates[0]).toMatchObject({ role: "leaf", subject: "CN=TSH-CUST42-PPR,O=Acme Bank" });
    expect(Object.keys(ok.json().certificates[0]).sort()).toEqual([
      "issuer",
      "notAfter",
      "notBefore",
      "role",
      "serialNumber",
      "sha256",
      "subject",
    ]);
    expect(
      cli([fx.file("tsh-3y.crt"), ...opts("tsh", "client-certificate", ["--expected-cn", "TSH-CUST42-PPR"])]).code,
    ).toBe(1);
  });

  it("server chain in any order comes back leaf → root", () => {
    const input = fx.text("int.pem") + fx.text("root.pem") + fx.text("leaf.pem");
    const r = cli(["-", ...opts("tsh", "server-chain"), "--json"], input);
    expect(r.code).toBe(0);
    expect(r.json().certificates.map((c: { role: string }) => c.role)).toEqual(["leaf", "intermediate", "root"]);
    expect(r.json().findings.map((f: { code: string }) => f.code)).toContain("CHAIN_NOT_MOZILLA_TRUSTED");
    expect(cli([fx.file("leaf.pem"), ...opts("d1", "server-chain")]).code).toBe(1);
  });

  it("--trust-anchors and --host: anchored in the given CAs, host matched, the chosen path in the JSON", () => {
    const input = fx.text("leaf.pem") + fx.text("int.pem");
    const ok = cli(
      [
        "-",
        ...opts("d1", "server-chain", ["--trust-anchors", fx.file("root.pem"), "--host", "api.customer.example"]),
        "--json",
      ],
      input,
    );
    expect(ok.code).toBe(0);
    expect(
      ok.json().path.map((p: { subject: string; source: string }) => `${p.source}:${p.subject.split(",")[0]}`),
    ).toEqual([
      "upload:CN=api.customer.example",
      "upload:CN=Acme Test Intermediate",
      "trust-anchors:CN=Acme Test Root",
    ]);
    const wrongHost = cli(
      [
        "-",
        ...opts("d1", "server-chain", ["--trust-anchors", fx.file("root.pem"), "--host", "www.other.example"]),
        "--json",
      ],
      input,
    );
    expect(wrongHost.code).toBe(1);
    expect(wrongHost.json().findings.map((f: { code: string }) => f.code)).toContain("HOST_NAME_MISMATCH");
    const elsewhere = cli(
      ["-", ...opts("d1", "server-chain", ["--trust-anchors", fx.file("tsh-ec.crt")]), "--json"],
      fx.text("int.pem") + fx.text("root.pem") + fx.text("leaf.pem"),
    );
    expect(elsewhere.json().findings.map((f: { code: string }) => f.code)).toContain("CHAIN_NOT_ANCHORED");
    expect(cli(["-", ...opts("d1", "server-chain", ["--trust-anchors", fx.file("ec256.key")])], input).code).toBe(2);
    expect(cli(["-", ...opts("d1", "server-chain", ["--trust-anchors", fx.file("missing.pem")])], input).code).toBe(2);
  });

  it("private key → rejected; usage errors and unreadable files → exit 2", () => {
    const k = cli([fx.file("ec256.key"), ...opts("d1", "csr"), "--json"]);
    expect(k.code).toBe(1);
    expect(k.json().findings[0].code).toBe("PRIVATE_KEY_DETECTED");
    expect(k.out).not.toContain(fx.text("ec256.key").split("\n")[1]!.slice(0, 30));
    expect(cli([fx.file("d1-ec.csr"), "--program", "x"]).code).toBe(2);
    expect(cli([fx.file("d1-ec.csr"), ...opts("d1", "csr"), "--now", "yesterday"]).code).toBe(2);
    expect(cli([fx.file("missing.csr"), ...opts("d1", "csr")]).code).toBe(2);
    expect(cli([]).code).toBe(2);
  });
});
