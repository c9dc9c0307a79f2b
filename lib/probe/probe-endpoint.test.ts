/**
 * The endpoint check against real TLS servers on loopback (Node tls and openssl s_server), each misconfiguration
 * yielding its finding; loopback is allow-listed here as PORTAL_PROBE_ALLOW would, and refused without it.
 */
import { createServer as createTcpServer, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeInput } from "@/lib/pki/decode";
import { parseAllowList } from "@/lib/pki/probe/address-policy";
import { evaluateProbe, type ProbeResult } from "@/lib/pki/probe/evaluate";
import { TLS13_SUITES } from "@/lib/pki/probe/tls13";
import { attemptHandshake } from "./handshake";
import { probeEndpoint, type ProbeEndpointOptions } from "./probe-endpoint";
import { makeProbePki, nodeServer, opensslServer, type ProbePki } from "./test-servers";

const allow = parseAllowList("127.0.0.0/8, ::1/128");
const now = new Date();
let pki: ProbePki;
const ders = (...names: string[]) => names.flatMap((n) => decodeInput(pki.text(n)).certificates);
const codes = (r: ProbeResult) => r.findings.map((f) => f.code).sort();

async function check(
  port: number,
  extra: Partial<ProbeEndpointOptions> = {},
  upload = ["leaf.pem", "int.pem", "root.pem"],
) {
  const obs = await probeEndpoint({
    host: "localhost",
    port,
    allow,
    timeoutMs: 3000,
    lookup: async () => [{ address: "127.0.0.1", family: 4 }],
    ...extra,
  });
  return evaluateProbe(obs, {
    uploadedChain: ders(...upload),
    anchors: ders("root.pem"),
    thalesClientCas: ders("thales.pem"),
    now,
  });
}

beforeAll(() => {
  pki = makeProbePki();
});
afterAll(() => pki.dispose());

describe("endpoint check against real servers", () => {
  it("passes a correct mTLS server (Node): both versions, chain as uploaded, client certificate required, Thales CA listed", async () => {
    const server = await nodeServer({
      key: pki.text("leaf.key"),
      cert: pki.text("leaf.pem") + pki.text("int.pem"),
      ca: pki.text("thales.pem"),
      requestCert: true,
      rejectUnauthorized: true,
    });
    try {
      const result = await check(server.port, {
        clientCredential: { cert: pki.text("thales-client.pem"), key: pki.text("thales-client.key") },
      });
      expect(codes(result)).toEqual([]);
      expect(result.verdict).toBe("passed");
      expect(result.handshake).toMatchObject({
        address: "127.0.0.1",
        tlsVersions: ["TLSv1.2", "TLSv1.3"],
        clientCertificateRequested: true,
        clientCertificateRequired: true,
        acceptableCaNames: ["CN=Thales Client CA,O=Probe Test"],
        mutualHandshake: { ok: true },
      });
      expect(result.handshake!.servedChain.map((c) => c.subject)).toEqual([
        "CN=localhost,O=Probe Test",
        "CN=Customer Issuing CA,O=Probe Test",
      ]);
      const stranger = await check(server.port, {
        clientCredential: { cert: pki.text("stranger-client.pem"), key: pki.text("stranger-client.key") },
      });
      expect(codes(stranger)).toEqual(["PROBE_MUTUAL_HANDSHAKE_FAILED"]);
    } finally {
      await server.close();
    }
  });

  it("finds a server that asks for no client certificate, and one where it is optional", async () => {
    const none = await nodeServer({ key: pki.text("leaf.key"), cert: pki.text("leaf.pem") + pki.text("int.pem") });
    const optional = await nodeServer({
      key: pki.text("leaf.key"),
      cert: pki.text("leaf.pem") + pki.text("int.pem"),
      ca: pki.text("thales.pem"),
      requestCert: true,
      rejectUnauthorized: false,
    });
    try {
      const a = await check(none.port);
      expect(codes(a)).toEqual(["PROBE_CLIENT_AUTH_NOT_REQUESTED"]);
      expect(a.handshake).toMatchObject({ clientCertificateRequested: false, clientCertificateRequired: false });
      expect(codes(await check(optional.port))).toEqual(["PROBE_CLIENT_AUTH_OPTIONAL"]);
    } finally {
      await none.close();
      await optional.close();
    }
  });

  it("finds wrong CA names and a missing intermediate (openssl s_server)", async () => {
    const wrongNames = await opensslServer(
      ["-cert", "leaf.pem", "-cert_chain", "int.pem", "-key", "leaf.key", "-Verify", "2", "-CAfile", "stranger.pem"],
      pki.dir,
    );
    const noIntermediate = await opensslServer(
      ["-cert", "leaf.pem", "-key", "leaf.key", "-Verify", "2", "-CAfile", "thales.pem"],
      pki.dir,
    );
    try {
      const a = await check(wrongNames.port);
      expect(codes(a)).toEqual(["PROBE_THALES_CA_NOT_ACCEPTED"]);
      expect(a.handshake!.acceptableCaNames).toEqual(["CN=Stranger CA,O=Probe Test"]);
      const b = await check(noIntermediate.port);
      expect(codes(b)).toEqual(["PROBE_CHAIN_INCOMPLETE", "PROBE_CHAIN_MISMATCH"]);
      expect(b.findings.find((f) => f.code === "PROBE_CHAIN_INCOMPLETE")!.message).toContain("Customer Issuing CA");
    } finally {
      wrongNames.close();
      noIntermediate.close();
    }
  });

  it("finds a chain that differs from the upload, a leaf that does not cover the host, and an expiring one", async () => {
    const other = await nodeServer({
      key: pki.text("leaf2.key"),
      cert: pki.text("leaf2.pem") + pki.text("int.pem"),
      ca: pki.text("thales.pem"),
      requestCert: true,
    });
    const wrongHost = await nodeServer({
      key: pki.text("wronghost.key"),
      cert: pki.text("wronghost.pem") + pki.text("int.pem"),
      ca: pki.text("thales.pem"),
      requestCert: true,
    });
    const expiring = await nodeServer({
      key: pki.text("expiring.key"),
      cert: pki.text("expiring.pem") + pki.text("int.pem"),
      ca: pki.text("thales.pem"),
      requestCert: true,
    });
    try {
      expect(codes(await check(other.port))).toEqual(["PROBE_CHAIN_MISMATCH"]);
      expect(codes(await check(wrongHost.port, {}, ["wronghost.pem", "int.pem"]))).toEqual(["PROBE_HOST_NOT_COVERED"]);
      const soon = await check(expiring.port, {}, ["expiring.pem", "int.pem"]);
      expect(codes(soon)).toEqual(["PROBE_CERTIFICATE_EXPIRING"]);
      expect(soon.verdict).toBe("warnings");
    } finally {
      await other.close();
      await wrongHost.close();
      await expiring.close();
    }
  });

  // TLS 1.3 encrypts the CertificateRequest: the probe opens the server's flight with its own handshake secret.
  for (const suite of ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"]) {
    it(`a TLS 1.3-only Node server (${suite}): CA names, order and requirement read from the encrypted flight`, async () => {
      const only13 = await nodeServer({
        key: pki.text("leaf.key"),
        cert: pki.text("leaf.pem") + pki.text("int.pem"),
        ca: [pki.text("thales.pem"), pki.text("stranger.pem")],
        requestCert: true,
        minVersion: "TLSv1.3",
        maxVersion: "TLSv1.3",
        ciphers: suite,
      });
      try {
        // The suite asked for is the one negotiated, so each suite's key schedule and AEAD is exercised.
        const attempt = await attemptHandshake({
          address: "127.0.0.1",
          port: only13.port,
          servername: "localhost",
          minVersion: "TLSv1.3",
          maxVersion: "TLSv1.3",
          timeoutMs: 3000,
        });
        expect(TLS13_SUITES[attempt.flight.cipherSuite!]?.name).toBe(suite);
        expect(attempt.flight.tls13).toEqual({ read: true });
        const r = await check(only13.port);
        expect(codes(r)).toEqual(["PROBE_TLS_VERSION_MISSING"]);
        expect(r.handshake).toMatchObject({
          tlsVersions: ["TLSv1.3"],
          clientCertificateRequested: true,
          clientCertificateRequired: true,
          acceptableCaNames: ["CN=Thales Client CA,O=Probe Test", "CN=Stranger CA,O=Probe Test"],
        });
        expect(r.addresses[0]!.servedChain.map((c) => c.subject)).toEqual([
          "CN=localhost,O=Probe Test",
          "CN=Customer Issuing CA,O=Probe Test",
        ]);
      } finally {
        await only13.close();
      }
    });

    it(`a TLS 1.3-only openssl s_server (${suite}, -verify 1): the names it lists, and a certificate only optional`, async () => {
      const server = await opensslServer(
        ["-cert", "leaf.pem", "-cert_chain", "int.pem", "-key", "leaf.key", "-tls1_3", "-ciphersuites", suite].concat([
          "-verify",
          "1",
          "-CAfile",
          "stranger.pem",
          "-www",
        ]),
        pki.dir,
      );
      try {
        // s_server answers no HEAD request: a short timeout ends the wait that proves the certificate optional.
        const r = await check(server.port, { timeoutMs: 1000 });
        expect(codes(r)).toEqual([
          "PROBE_CLIENT_AUTH_OPTIONAL",
          "PROBE_THALES_CA_NOT_ACCEPTED",
          "PROBE_TLS_VERSION_MISSING",
        ]);
        expect(r.handshake).toMatchObject({
          tlsVersions: ["TLSv1.3"],
          clientCertificateRequested: true,
          clientCertificateRequired: false,
          acceptableCaNames: ["CN=Stranger CA,O=Probe Test"],
        });
      } finally {
        server.close();
      }
    });
  }

  it("a TLS 1.3-only server that asks for no certificate is told apart from one whose names are unreadable", async () => {
    const none = await nodeServer({
      key: pki.text("leaf.key"),
      cert: pki.text("leaf.pem") + pki.text("int.pem"),
      minVersion: "TLSv1.3",
    });
    try {
      const r = await check(none.port);
      expect(codes(r)).toEqual(["PROBE_CLIENT_AUTH_NOT_REQUESTED", "PROBE_TLS_VERSION_MISSING"]);
      expect(r.handshake).toMatchObject({ clientCertificateRequested: false, clientCertificateRequired: false });
    } finally {
      await none.close();
    }
  });

  it("reports an unreachable port, a name that does not resolve, and refuses loopback without the allow list", async () => {
    const closed = await nodeServer({ key: pki.text("leaf.key"), cert: pki.text("leaf.pem") });
    const port = closed.port;
    await closed.close();
    expect(codes(await check(port))).toEqual(["PROBE_UNREACHABLE"]);
    expect(
      codes(
        await check(port, { lookup: async () => Promise.reject(Object.assign(new Error("x"), { code: "ENOTFOUND" })) }),
      ),
    ).toEqual(["PROBE_DNS_FAILED"]);
    // A port that accepts TCP and never answers costs one timeout, not one per attempt.
    const held: Socket[] = [];
    const tarpit = createTcpServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => tarpit.listen(0, "127.0.0.1", resolve));
    const silent = await check((tarpit.address() as { port: number }).port, { timeoutMs: 400 });
    expect(codes(silent)).toEqual(["PROBE_TLS_FAILED"]);
    expect(held).toHaveLength(1);
    for (const s of held) s.destroy();
    tarpit.close();
    const refused = await check(port, { allow: undefined, lookup: undefined });
    expect(codes(refused)).toEqual(["PROBE_ADDRESS_NOT_ALLOWED"]);
    expect(refused.addresses[0]).toMatchObject({ address: "127.0.0.1", refused: "loopback", reachable: false });
  });
});
