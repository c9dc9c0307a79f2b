import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RECIPES, renderRecipe } from "@/lib/assets/recipes";
import { approveVersion } from "@/lib/server/assets/approve-version";
import { downloadVersion } from "@/lib/server/assets/download-version";
import { issueCertificate } from "@/lib/server/assets/issue-certificate";
import { publishAsset } from "@/lib/server/assets/publish-asset";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { getSigningCaInfo } from "@/lib/server/ca/signing-ca";
import { exportTrustStore } from "@/lib/server/connections/export-trust-store";
import { freshDatabase, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { makeActor, makeCustomer } from "./support/assets";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-for-ca-key-encryption";
const NGINX = process.env.NGINX_BIN ?? "/usr/sbin/nginx";

/** A port the kernel just handed out (nginx cannot report the port it bound, so it cannot take port 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => resolve(socket.end() && true)).on("error", () => resolve(false));
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("nginx did not listen");
}

/**
 * The customer's side of mTLS with the real consumer: nginx configured by the portal's own nginx recipe with the
 * exported customer trust store accepts the client certificate the portal issued and refuses one signed by another
 * CA (and a call without a certificate). Engine-independent, so it runs on SQLite only.
 */
describe("the exported customer trust store in nginx", () => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let nginx: ChildProcess | undefined;
  let port: number;
  const curl = (...args: string[]) =>
    spawnSync(
      "curl",
      ["-sS", "-k", "--max-time", "5", "-o", "-", "-w", "\n%{http_code}", ...args, `https://127.0.0.1:${port}/`],
      { encoding: "utf8" },
    );

  beforeAll(async () => {
    database = await freshDatabase("sqlite");
    pki = pkiMaterial();
    const delivery = await makeActor(database.db, "THALES_DELIVERY");
    const customer = await makeCustomer(database.db, "d1");
    const ca = await getSigningCaInfo(database.db);
    const published = await publishAsset({
      db: database.db,
      actor: delivery,
      kind: "THALES_CLIENT_CA",
      connectionIds: [customer.ppr],
      content: { file: ca.certificatePem },
    });
    expect(published.ok).toBe(true);
    const csrPem = pki.d1Csr({ identifier: customer.identifier, environment: "PPR", keyName: "client" });
    const up = await uploadAsset({
      db: database.db,
      actor: customer.customer,
      connectionId: customer.ppr,
      kind: "CUSTOMER_CSR",
      content: { file: csrPem },
      confirmWarnings: false,
    });
    if (up.status !== "stored") throw new Error(up.status);
    await approveVersion({ db: database.db, actor: delivery, versionId: up.versionId });
    const issued = await issueCertificate({
      db: database.db,
      actor: await makeActor(database.db, "THALES_DELIVERY"),
      versionId: up.versionId,
    });
    const certificate = await downloadVersion({
      db: database.db,
      actor: customer.customer,
      versionId: issued.versionId,
      format: "pem",
    });
    writeFileSync(path.join(pki.dir, "issued.pem"), certificate.body);
    writeFileSync(path.join(pki.dir, "foreign.pem"), pki.signedByForeignCa(csrPem).certificatePem);

    const store = await exportTrustStore({
      db: database.db,
      actor: customer.customer,
      connectionId: customer.ppr,
      format: "pem",
    });
    expect(store.count).toBe(1);
    writeFileSync(path.join(pki.dir, store.filename), store.body);
    const recipe = renderRecipe(
      RECIPES.find((r) => r.id === "nginx-client-ca")!,
      { file: store.filename },
    );
    spawnSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "nginx-server.key",
        "-subj",
        "/CN=localhost",
        "-days",
        "2",
        "-out",
        "nginx-server.pem",
      ],
      { cwd: pki.dir, stdio: "ignore" },
    );
    port = await freePort();
    writeFileSync(
      path.join(pki.dir, "nginx.conf"),
      `daemon off;\nmaster_process off;\npid ${pki.dir}/nginx.pid;\nerror_log ${pki.dir}/error.log;
events {}
http {
  access_log off;
  client_body_temp_path ${pki.dir}/tmp; proxy_temp_path ${pki.dir}/tmp; fastcgi_temp_path ${pki.dir}/tmp;
  uwsgi_temp_path ${pki.dir}/tmp; scgi_temp_path ${pki.dir}/tmp;
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${pki.dir}/nginx-server.pem;
    ssl_certificate_key ${pki.dir}/nginx-server.key;
    ${recipe.config.replaceAll("/etc/nginx/trust/", `${pki.dir}/`).replaceAll("\n", "\n    ")}
    location / { return 200 "hello $ssl_client_s_dn"; }
  }
}
`,
    );
    nginx = spawn(NGINX, ["-p", pki.dir, "-c", path.join(pki.dir, "nginx.conf")], { stdio: "ignore" });
    await waitForPort(port, nginx);
  });

  afterAll(async () => {
    nginx?.kill("SIGTERM");
    await database?.drop();
    if (!process.env.KEEP_PKI) pki?.dispose();
  });

  it("accepts the portal-issued client certificate", () => {
    const ok = curl("--cert", path.join(pki.dir, "issued.pem"), "--key", path.join(pki.dir, "client.key"));
    expect(ok.stdout + ok.stderr).toMatch(/hello .*CN=TLSMA-ECDSA\/.*\/D1\.PPR[\s\S]*\n200$/);
  });

  it("refuses a certificate for the same key from another CA, and a call without a certificate", () => {
    const foreign = curl("--cert", path.join(pki.dir, "foreign.pem"), "--key", path.join(pki.dir, "client.key"));
    expect(foreign.stdout).toMatch(/The SSL certificate error[\s\S]*\n400$/);
    const none = curl();
    expect(none.stdout).toMatch(/No required SSL certificate was sent[\s\S]*\n400$/);
  });
});
