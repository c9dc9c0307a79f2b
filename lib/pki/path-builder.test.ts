import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeChain } from "./chain";
import { makeBudget, verifyCost } from "./path-builder";
import type { PublicKeyInfo } from "./public-key";
import { checkAssetSync } from "./check";
import { bitString, NULL, oid, seq, smallInt, tlv, time, uint } from "./der-write";
import { encodeName } from "./name-encode";
import { findingCodes as codes, firstCertificates, makeFixtures, type Fixtures } from "./test-fixtures";

let fx: Fixtures;
beforeAll(() => {
  fx = makeFixtures();
});

const now = () => new Date(Date.now() + 86_400_000);
const ders = (...names: string[]) => firstCertificates(fx, ...names);

/**
 * Issue 10 item 2: a self-issued `CN=X` certificate with a 3072-bit modulus and a 3064-bit public exponent.
 * The signature is random: what costs is the modular exponentiation a verification attempt performs.
 */
function hugeExponentCert(): Uint8Array {
  const n = randomBytes(384);
  n[0]! |= 0x80;
  n[383]! |= 1;
  const e = randomBytes(383);
  e[0]! |= 0x80;
  e[382]! |= 1;
  const spki = seq(seq(oid("1.2.840.113549.1.1.1"), NULL), bitString(seq(uint(n), uint(e))));
  const name = encodeName([[{ type: "CN", oid: "2.5.4.3", value: "X" }]]);
  const alg = seq(oid("1.2.840.113549.1.1.11"), NULL);
  const tbs = seq(
    tlv(0xa0, smallInt(2)),
    uint(randomBytes(8)),
    alg,
    name,
    seq(time(new Date(0)), time(new Date(4e12))),
    name,
    spki,
  );
  return seq(tbs, alg, bitString(randomBytes(384)));
}

describe("path building", () => {
  it("finishes a hostile 100-certificate trust store quickly, with a clear finding", () => {
    const certs = Array.from({ length: 100 }, hugeExponentCert);
    for (const mode of ["trust-store", "server-chain"] as const) {
      const t0 = process.hrtime.bigint();
      const r = analyzeChain(certs, { now: now(), mode });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      // RSA keys out of bounds (lib/pki/key-bounds.ts) fail verification before any arithmetic, so one server-chain
      // path can now end without spending the budget; checkAsset reports those keys as RSA_EXPONENT_TOO_LARGE.
      if (mode === "trust-store") expect(codes(r)).toContain("CHAIN_CHECK_BUDGET_EXCEEDED");
      // Not a timed assertion of speed, a bound on work: the old builder needed ~44 s here (every pair).
      expect(ms).toBeLessThan(20_000);
    }
  });

  it("reports unused extra certificates as info and judges only the chosen path", () => {
    // leaf-client-eku.pem is another end-entity certificate; root.pem repeated as an unrelated extra.
    const r = analyzeChain(ders("leaf.pem", "leaf-client-eku.pem", "int.pem", "root.pem"), {
      now: now(),
      mode: "server-chain",
    });
    expect(codes(r).filter((c) => !["CHAIN_NOT_MOZILLA_TRUSTED", "TRUST_STORE_DERIVABLE"].includes(c))).toEqual([
      "CHAIN_UNUSED_CERTIFICATE",
    ]);
    expect(r.findings.find((f) => f.code === "CHAIN_UNUSED_CERTIFICATE")?.severity).toBe("info");
    expect(r.path.map((p) => p.subject.split(",")[0])).toEqual([
      "CN=api.customer.example",
      "CN=Acme Test Intermediate",
      "CN=Acme Test Root",
    ]);
  });

  it("tries the other leaf when the first one fails (host decides)", () => {
    const r = analyzeChain(ders("leaf-client-eku.pem", "leaf.pem", "int.pem", "root.pem"), {
      now: now(),
      mode: "server-chain",
      host: "api.customer.example",
    });
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(r.certificates[0]!.summary.extendedKeyUsage).toEqual(["serverAuth"]);
  });

  it("matches the host against the SAN, never the CN", () => {
    const chain = ders("leaf.pem", "int.pem", "root.pem");
    expect(
      codes(analyzeChain(chain, { now: now(), mode: "server-chain", host: "API.Customer.Example." })),
    ).not.toContain("HOST_NAME_MISMATCH");
    expect(codes(analyzeChain(chain, { now: now(), mode: "server-chain", host: "other.customer.example" }))).toContain(
      "HOST_NAME_MISMATCH",
    );
    expect(codes(analyzeChain(chain, { now: now(), mode: "server-chain", host: "bad host" }))).toContain(
      "HOST_NAME_INVALID",
    );
  });

  it("an uploaded, expired edition of a trust anchor does not count: the store's copy is the anchor", () => {
    // Same key and subject as root.pem, valid one day only (like Let's Encrypt's expired ISRG Root X1 cross-sign).
    fx.openssl(
      "req -x509 -new -key root.key -sha256 -days 1 -out root-short.pem -subj '/O=Acme Bank/CN=Acme Test Root' -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign",
    );
    const later = new Date(Date.now() + 3 * 86_400_000);
    const r = analyzeChain(ders("leaf.pem", "int.pem", "root-short.pem"), {
      now: later,
      mode: "server-chain",
      roots: ders("root.pem"),
      requireAnchor: true,
    });
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(r.anchoredInMozilla).toBe(true);
  });

  it("anchors in caller-given trust anchors and refuses a chain that misses them", () => {
    const input = fx.text("leaf.pem") + fx.text("int.pem");
    const ok = checkAssetSync(input, {
      program: "d1",
      environment: "PPR",
      identifier: "X",
      asset: "server-chain",
      now: now(),
      trustAnchors: ders("root.pem"),
    });
    expect(ok.verdict).toBe("accepted");
    expect(ok.path?.map((p) => p.source)).toEqual(["upload", "upload", "trust-anchors"]);
    const other = checkAssetSync(input, {
      program: "d1",
      environment: "PPR",
      identifier: "X",
      asset: "server-chain",
      now: now(),
      trustAnchors: [],
    });
    expect(other.findings.map((f) => f.code)).toContain("CHAIN_NOT_ANCHORED");
  });
});

describe("checkServerHost (the ISSUER_HOST cross-check entry point)", () => {
  it("says whether a stored server certificate serves a host", async () => {
    const { checkServerHost } = await import("./server-leaf");
    const [leaf] = ders("leaf.pem");
    expect(checkServerHost(leaf!, "api.customer.example")).toEqual([]);
    expect(checkServerHost(leaf!, "api.customer.example.").map((f) => f.code)).toEqual([]);
    expect(checkServerHost(leaf!, "x.api.customer.example").map((f) => f.code)).toEqual(["HOST_NAME_MISMATCH"]);
    expect(checkServerHost(leaf!, "192.0.2.1").map((f) => f.code)).toEqual(["HOST_NAME_MISMATCH"]);
    expect(checkServerHost(leaf!, "a b").map((f) => f.code)).toEqual(["HOST_NAME_INVALID"]);
    expect(checkServerHost(new Uint8Array([0x30, 0]), "a.example").map((f) => f.code)).toEqual([
      "CERTIFICATE_MALFORMED",
    ]);
  });
});

describe("verification budget", () => {
  const rsa = (bits: number, exponentBits = 17): PublicKeyInfo => ({
    type: "rsa",
    bits,
    exponentBits,
    description: `RSA ${bits}`,
    algorithmOid: "1.2.840.113549.1.1.1",
  });
  const ec: PublicKeyInfo = {
    type: "ec",
    curve: "P-256",
    bits: 256,
    description: "EC P-256",
    algorithmOid: "1.2.840.10045.2.1",
  };

  it("grows with the number of certificates", () => {
    expect(makeBudget(3).units).toBeLessThan(makeBudget(100).units);
    expect(makeBudget(0).units).toBeGreaterThanOrEqual(64);
  });

  it("weighs keys by what verifying with them costs; an out-of-bounds key costs only its refusal", () => {
    expect(verifyCost(ec)).toBe(1);
    expect(verifyCost(rsa(2048))).toBe(1);
    expect(verifyCost(rsa(16384))).toBe(16);
    expect(verifyCost(rsa(4096, 32))).toBe(2);
    expect(verifyCost(rsa(3072, 3064))).toBe(1);
  });
});
