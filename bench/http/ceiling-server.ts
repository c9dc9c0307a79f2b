// The bare-Node ceiling of POST /api/v1/check (issue 16): a plain node:http server that reads the same JSON
// body, runs the same lib/pki check and answers the same JSON, with no framework, no database and no auth.
// With the portal's worker count (node:cluster), so both sides use the same cores. Run by bench/http.ts:
//   node --import tsx bench/http/ceiling-server.ts <port> <workers>
import cluster from "node:cluster";
import http from "node:http";
import { checkAsset, toCliJson } from "../../lib/pki";

const [portArg, workersArg] = process.argv.slice(2);
const port = Number(portArg);
const workers = Math.max(1, Number(workersArg ?? 1));

if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", () => process.exit(1));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
} else {
  http
    .createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", async () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
            content: string;
            program: string;
            environment: string;
            identifier: string;
          };
          const report = await checkAsset(body.content, {
            program: body.program,
            environment: body.environment,
            identifier: body.identifier,
            asset: "csr",
            now: new Date(),
          } as Parameters<typeof checkAsset>[1]);
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(toCliJson(report)));
        } catch (error) {
          res.writeHead(400, { "content-type": "text/plain" }).end(String(error));
        }
      });
    })
    .listen(port, "127.0.0.1");
}
