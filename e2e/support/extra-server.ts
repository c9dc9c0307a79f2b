import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { E2E_AUTH_SECRET, ROOT } from "./global-setup";

type Env = Record<string, string | undefined>;
export type ExtraServer = { baseURL: string; logs: () => string; stop: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Runs an operator script (scripts/*.ts) with the e2e secret and the given environment; throws on failure. */
export function runPortalScript(
  script: string,
  args: string[],
  env: Env,
): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], {
    cwd: ROOT,
    env: { ...process.env, NEXTAUTH_SECRET: E2E_AUTH_SECRET, ...env },
    encoding: "utf8",
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/**
 * A second instance of the production server (scripts/serve.mjs) with its own environment and its output
 * captured, for what the shared e2e server cannot show: its log lines, a broken database, another config.
 */
export async function startServer(env: Env, waitPath = "/api/health/live", fixedPort?: number): Promise<ExtraServer> {
  // A port found free can be taken by another process before the server binds it (several suites run on this
  // machine at once): then the health check could be answered by that other server. So the server counts as up
  // only once its own log says it listens on our port; a lost race (EADDRINUSE) starts again on another port.
  for (let attempt = 1; ; attempt++) {
    const started = await startOnPort(env, waitPath, fixedPort ?? (await freePort()));
    if (started.ok) return started.server;
    if (attempt >= 3 || !started.addressInUse || fixedPort) throw new Error(`server did not start:\n${started.output}`);
  }
}

async function startOnPort(
  env: Env,
  waitPath: string,
  port: number,
): Promise<{ ok: true; server: ExtraServer } | { ok: false; addressInUse: boolean; output: string }> {
  const baseURL = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, "scripts/serve.mjs"), "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      // The "listening" line is at level info: the level is ours unless the spec chose one.
      env: {
        ...process.env,
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: E2E_AUTH_SECRET,
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: "info",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output: string[] = [];
  child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const logsListening = ["trace", "debug", "info"].includes(env.LOG_LEVEL ?? "info");
  const listening = () =>
    !logsListening ||
    jsonLines(output.join("")).some((line) => /listening/.test(String(line.msg)) && line.port === port);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok =
      listening() &&
      (await fetch(baseURL + waitPath).then(
        (r) => r.status < 500 || r.status === 503,
        () => false,
      ));
    if (ok) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      if (child.exitCode === null) child.kill("SIGTERM");
      const text = output.join("");
      return { ok: false, addressInUse: text.includes("EADDRINUSE"), output: text };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    ok: true,
    server: {
      baseURL,
      logs: () => output.join(""),
      stop: async () => {
        if (child.exitCode === null) child.kill("SIGTERM");
        await exited;
      },
    },
  };
}

/** The JSON log lines in captured output (other lines, e.g. Next's banner, are skipped). */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text.split("\n").flatMap((line) => {
    try {
      const parsed = JSON.parse(line);
      return parsed && typeof parsed === "object" ? [parsed as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}
