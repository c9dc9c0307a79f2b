import { execFileSync } from "node:child_process";
import path from "node:path";
import { test, expect, USERS } from "../support/fixtures";
import { Workdir, esc } from "../support/pki";
import { api, apiToken } from "./support";

const ROOT = path.resolve(import.meta.dirname, "../..");
const pki = new Workdir();

/** The CLI's JSON for a file; exit code 1 (rejected) still prints the report. */
function cli(file: string, args: string[]): unknown {
  try {
    return JSON.parse(
      execFileSync(process.execPath, [path.join(ROOT, "bin/portal-check.mjs"), file, ...args, "--json"], {
        cwd: ROOT,
        encoding: "utf8",
      }),
    );
  } catch (error) {
    return JSON.parse((error as { stdout: string }).stdout);
  }
}

test("POST /api/v1/check answers exactly what portal-check --json prints, and stores nothing", async ({ request }) => {
  const client = api(request, apiToken(USERS.globex));
  const cases = [
    { name: "good", subj: `/C=US/ST=DE/L=Wilmington/O=Globex/OU=Gateway/CN=${esc("TLSMA-ECDSA/GLOBEX9/D1.PPR")}` },
    { name: "wrong-env", subj: `/C=US/ST=DE/L=Wilmington/O=Globex/OU=Gateway/CN=${esc("TLSMA-ECDSA/GLOBEX9/D1.PRD")}` },
    { name: "no-ou", subj: `/C=US/O=Globex/CN=${esc("TLSMA-ECDSA/GLOBEX9/D1.PPR")}` },
  ];
  const before = await (await client.get("/api/v1/connections")).json();
  for (const c of cases) {
    const { csrPem } = pki.csr(c.name, c.subj);
    const response = await client.post("/api/v1/check", {
      program: "d1-ecom",
      environment: "PPR",
      identifier: "GLOBEX9",
      kind: "CUSTOMER_CSR",
      content: csrPem,
    });
    expect(response.status()).toBe(200);
    const fromApi = await response.json();
    const fromCli = cli(pki.path(`${c.name}.csr`), [
      "--program",
      "d1-ecom",
      "--env",
      "PPR",
      "--id",
      "GLOBEX9",
      "--asset",
      "csr",
    ]);
    expect(fromApi).toEqual(fromCli);
  }
  const verdicts = await Promise.all(
    cases.map(
      async (c) =>
        (
          await (
            await client.post("/api/v1/check", {
              program: "d1-ecom",
              environment: "PPR",
              identifier: "GLOBEX9",
              kind: "CUSTOMER_CSR",
              content: pki.read(`${c.name}.csr`),
            })
          ).json()
        ).verdict,
    ),
  );
  expect(verdicts).toEqual(["accepted", "rejected", "accepted"]);
  expect(await (await client.get("/api/v1/connections")).json()).toEqual(before);
  expect(
    (
      await client.post("/api/v1/check", {
        program: "d2",
        environment: "PPR",
        identifier: "X",
        kind: "CUSTOMER_CSR",
        content: "x",
      })
    ).status(),
  ).toBe(422);
});

test("POST /api/v1/check takes trustAnchors and host like portal-check --trust-anchors/--host, with the chosen path", async ({
  request,
}) => {
  const client = api(request, apiToken(USERS.globex));
  const c = pki.serverChain("anchored", "api.globex.example");
  const upload = c.leaf + c.intermediate;
  pki.write("anchored-upload.pem", upload);
  const body = {
    program: "d1-ecom",
    environment: "PPR",
    identifier: "GLOBEX9",
    kind: "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN",
    content: upload,
    trustAnchors: c.root,
  };
  const args = [
    "--program",
    "d1-ecom",
    "--env",
    "PPR",
    "--id",
    "GLOBEX9",
    "--asset",
    "server-chain",
    "--trust-anchors",
    pki.path("anchored-root.pem"),
  ];
  for (const host of ["api.globex.example", "www.globex.example"]) {
    const fromApi = await (await client.post("/api/v1/check", { ...body, host })).json();
    expect(fromApi).toEqual(cli(pki.path("anchored-upload.pem"), [...args, "--host", host]));
    expect(fromApi.path.map((p: { source: string }) => p.source)).toEqual(["upload", "upload", "trust-anchors"]);
    expect(fromApi.verdict).toBe(host === "api.globex.example" ? "accepted" : "rejected");
  }
  const key = pki.key("anchored-stray.key");
  expect((await client.post("/api/v1/check", { ...body, trustAnchors: c.root + key })).status()).toBe(422);
  expect((await client.post("/api/v1/check", { ...body, trustAnchors: "not a certificate" })).status()).toBe(422);
});
