/**
 * Test-only: real TLS servers on loopback for the endpoint check (Node tls and `openssl s_server`), and the PKI
 * they serve, made with the openssl CLI. Every server listens on port 0 (s_server prints the port it got).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server, type TlsOptions } from "node:tls";
import { extSection, opensslWorkspace } from "@/lib/pki/test-fixtures";

export type ProbePki = ReturnType<typeof makeProbePki>;

const EXT = [
  extSection("ca", { ca: true, keyUsage: "keyCertSign, cRLSign", keyIds: true }),
  extSection("server", { ca: false, keyUsage: "digitalSignature", eku: "serverAuth", san: "DNS:localhost" }),
  extSection("other_host", {
    ca: false,
    keyUsage: "digitalSignature",
    eku: "serverAuth",
    san: "DNS:d1-issuer.acme.test",
  }),
  extSection("client", { ca: false, keyUsage: "digitalSignature", eku: "clientAuth" }),
].join("");

/** Root → intermediate → leaf (SAN localhost), a second leaf, a Thales client CA with a client certificate, a stranger CA. */
export function makeProbePki() {
  const pki = opensslWorkspace("probe-pki-", EXT, 10);
  const subject = (cn: string) => `/O=Probe Test/CN=${cn}`;
  const root = (n: string, cn: string) => pki.selfSignedCa(pki.ecKey(n), subject(cn), `${n}.pem`);
  const sign = (n: string, cn: string, ca: string, ext: string, days = 365) => {
    pki.csr(pki.ecKey(n), subject(cn), `${n}.csr`);
    pki.signCsr(`${n}.csr`, ca, `${n}.pem`, ext, days);
  };
  root("root", "Customer Root CA");
  sign("int", "Customer Issuing CA", "root", "ca", 1825);
  sign("leaf", "localhost", "int", "server");
  sign("leaf2", "localhost", "int", "server");
  sign("wronghost", "d1-issuer.acme.test", "int", "other_host");
  sign("expiring", "localhost", "int", "server", 10);
  root("thales", "Thales Client CA");
  sign("thales-client", "D1 client", "thales", "client");
  root("stranger", "Stranger CA");
  sign("stranger-client", "Somebody", "stranger", "client");
  return { dir: pki.dir, file: pki.file, text: pki.text, dispose: pki.dispose };
}

/** A Node TLS server on 127.0.0.1 and its port. */
export async function nodeServer(options: TlsOptions): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<{ destroy(): void }>();
  const server: Server = createServer(options, (socket) => socket.end("ok\n"));
  server.on("connection", (s) => sockets.add(s));
  server.on("tlsClientError", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `openssl s_server` on 127.0.0.1:0 with the given arguments; resolves once it printed its port. */
export function opensslServer(args: string[], cwd: string): Promise<{ port: number; close: () => void }> {
  const child: ChildProcess = spawn("openssl", ["s_server", "-accept", "127.0.0.1:0", ...args], {
    cwd,
    stdio: ["pipe", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /ACCEPT 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ port: Number(m[1]), close: () => child.kill("SIGKILL") });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`s_server exited ${code}: ${out}`)));
  });
}
