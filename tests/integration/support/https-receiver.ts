import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { OPENSSL } from "./pki-material";

export type Received = {
  eventId: string;
  signature: string;
  timestamp: string;
  attempt: string;
  body: string;
  status: number;
};

/**
 * A real HTTPS webhook receiver on 127.0.0.1 with a throwaway certificate made by openssl (SAN IP:127.0.0.1).
 * `respond` decides each answer (e.g. 500 first, then 200); `stall` keeps a request open (for kill -9 tests).
 */
export async function startHttpsReceiver(respond: (n: number) => number | "stall" = () => 200) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "webhook-rx-"));
  execFileSync(
    OPENSSL,
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      path.join(dir, "key.pem"),
      "-out",
      path.join(dir, "cert.pem"),
      "-days",
      "2",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ],
    { stdio: "ignore" },
  );
  const cert = readFileSync(path.join(dir, "cert.pem"), "utf8");
  const received: Received[] = [];
  const server = https.createServer({ key: readFileSync(path.join(dir, "key.pem")), cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const status = respond(received.length + 1);
      received.push({
        eventId: String(req.headers["x-portal-event-id"] ?? ""),
        signature: String(req.headers["x-portal-signature"] ?? ""),
        timestamp: String(req.headers["x-portal-timestamp"] ?? ""),
        attempt: String(req.headers["x-portal-delivery-attempt"] ?? ""),
        body: Buffer.concat(chunks).toString("utf8"),
        status: status === "stall" ? 0 : status,
      });
      if (status === "stall") return;
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "no");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}/hooks/portal`,
    cert,
    certFile: path.join(dir, "cert.pem"),
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
