import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeProbePki, nodeServer, type ProbePki } from "../lib/probe/test-servers";
import { parseProbeArgs, probeMain } from "./portal-check-probe";

/** portal-check probe, inbound direction: a "Thales host" on loopback that requires a client certificate. */
describe("portal-check probe", () => {
  let pki: ProbePki;
  let server: Awaited<ReturnType<typeof nodeServer>>;
  const run = async (...argv: string[]) => {
    let out = "";
    let err = "";
    const code = await probeMain(argv, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  };
  beforeAll(async () => {
    pki = makeProbePki();
    server = await nodeServer({
      key: pki.text("leaf.key"),
      cert: pki.text("leaf.pem") + pki.text("int.pem"),
      ca: pki.text("thales.pem"),
      requestCert: true,
    });
  });
  afterAll(async () => {
    await server.close();
    pki.dispose();
  });

  it("trusts the host through the downloaded bundle and is accepted with the client certificate (the key stays local)", async () => {
    const r = await run(
      "probe",
      `localhost:${server.port}`,
      "--ca",
      pki.file("root.pem"),
      "--cert",
      pki.file("thales-client.pem"),
      "--key",
      pki.file("thales-client.key"),
      "--json",
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.findings).toEqual([]);
    expect(json.handshake).toMatchObject({
      clientCertificateRequired: true,
      mutualHandshake: { ok: true },
      acceptableCaNames: ["CN=Thales Client CA,O=Probe Test"],
    });
  });

  it("says when the bundle does not anchor the served chain, and when the certificate is refused", async () => {
    const r = await run(
      "probe",
      `localhost:${server.port}`,
      "--ca",
      pki.file("stranger.pem"),
      "--cert",
      pki.file("stranger-client.pem"),
      "--key",
      pki.file("stranger-client.key"),
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain("PROBE_CHAIN_NOT_TRUSTED");
    expect(r.out).toContain("PROBE_MUTUAL_HANDSHAKE_FAILED");
    expect(r.out).toContain("with your cert:     refused");
  });

  it("refuses bad arguments with exit code 2", async () => {
    expect((await run("probe")).code).toBe(2);
    expect((await run("probe", "host:99999")).code).toBe(2);
    expect((await run("probe", "host", "--cert", "x.pem")).err).toContain("--cert and --key go together");
    expect((await run("probe", "host", "--ca", "/nonexistent.pem")).code).toBe(2);
    expect(parseProbeArgs(["probe", "[::1]:8443"].slice(1))).toMatchObject({ host: "::1", port: 8443 });
  });
});
