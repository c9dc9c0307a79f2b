import { beforeAll, describe, expect, it } from "vitest";
import { crossCheck } from "./cross-check";
import { decodeInput } from "./decode";
import { makeFixtures, type Fixtures } from "./test-fixtures";

/** Fixture chain: root → intermediate → leaf with SAN DNS:api.customer.example (lib/pki/test-fixtures.ts). */
describe("cross-checks between a connection's assets", () => {
  let fx: Fixtures;
  const certs = (...names: string[]) => names.flatMap((n) => decodeInput(fx.text(n)).certificates);
  const now = new Date();
  beforeAll(() => {
    fx = makeFixtures();
  });

  it("the leaf must cover ISSUER_HOST (RFC 6125)", () => {
    const chain = certs("leaf.pem", "int.pem", "root.pem");
    expect(crossCheck({ serverChain: chain, host: "api.customer.example", now })).toEqual([]);
    const codes = crossCheck({ serverChain: chain, host: "api.acme-bank.example", now }).map((f) => f.code);
    expect(codes).toEqual(["CROSS_HOST_NOT_COVERED"]);
  });

  it("the trust store must anchor the chain: an unrelated root does not", () => {
    const chain = certs("leaf.pem", "int.pem", "root.pem");
    expect(crossCheck({ serverChain: chain, trustStore: certs("root.pem"), now })).toEqual([]);
    const unrelated = crossCheck({ serverChain: chain, trustStore: certs("tsh-ec.crt"), now });
    expect(unrelated.map((f) => [f.code, f.severity])).toEqual([["CROSS_TRUST_STORE_DOES_NOT_ANCHOR", "warning"]]);
  });

  it("nothing to say without a server chain", () => {
    expect(crossCheck({ serverChain: [], trustStore: certs("root.pem"), host: "x.example", now })).toEqual([]);
  });
});
