/**
 * `portal-check probe <host[:port]> [--cert client.pem --key client.key] [--ca ca.pem] [--json] [--timeout <ms>]`
 *
 * The portal's endpoint check from the customer's own network, both directions:
 * - outbound (Thales → you): point it at your endpoint; it reports what the portal would (versions, served chain,
 *   client-certificate request, acceptable CA names; with --ca, whether your chain verifies against that bundle);
 * - inbound (you → Thales): point it at the Thales host with --ca <downloaded server CA bundle> and --cert/--key
 *   of your client certificate: does the Thales chain verify against the bundle, is your certificate accepted.
 * The key is read here and used only by the local TLS client; nothing is sent anywhere but the host you name.
 * No address policy applies: it runs on your machine, inside your network.
 * Exit codes: 0 passed (warnings allowed), 1 failed, 2 usage error or unreadable file.
 */
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { evaluateProbe, type ProbeResult } from "../lib/pki/probe/evaluate";
import { decodeInput } from "../lib/pki/decode";
import { probeEndpoint } from "../lib/probe/probe-endpoint";
import { readArgs, usageExitCode, UsageError } from "./portal-check-args";

export const PROBE_USAGE = `usage: portal-check probe <host[:port]> [--cert client.pem --key client.key] [--ca ca.pem]
                          [--timeout <ms>] [--json]`;

type ProbeArgs = {
  host: string;
  port: number;
  cert?: string;
  key?: string;
  ca?: string;
  json: boolean;
  timeoutMs: number;
};

export function parseProbeArgs(argv: readonly string[]): ProbeArgs {
  const {
    positional: target,
    flags,
    json,
  } = readArgs(argv, { names: ["cert", "key", "ca", "timeout"], equals: false });
  if (!target) throw new UsageError("missing <host[:port]>");
  const m = /^\[([0-9a-f:.]+)\](?::(\d+))?$/i.exec(target) ?? /^([^:\s/]+)(?::(\d+))?$/.exec(target);
  if (!m) throw new UsageError(`"${target}" is not host[:port] (IPv6 as [addr]:port)`);
  const port = m[2] === undefined ? 443 : Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError("the port must be 1 to 65535");
  if (flags.has("cert") !== flags.has("key")) throw new UsageError("--cert and --key go together");
  const timeoutMs = Number(flags.get("timeout") ?? 4000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 60_000)
    throw new UsageError("--timeout must be 100 to 60000 ms");
  return { host: m[1]!, port, cert: flags.get("cert"), key: flags.get("key"), ca: flags.get("ca"), json, timeoutMs };
}

const MARK = { error: "ERROR  ", warning: "WARNING", info: "INFO   " } as const;

export function formatProbe(r: ProbeResult): string {
  const lines = [`portal-check probe  ${r.host}:${r.port}`, `Verdict: ${r.verdict.toUpperCase()}`];
  for (const a of r.addresses) {
    lines.push("", `Address ${a.address}${a.reachable ? "" : ` — not reachable (${a.error ?? a.refused ?? "?"})`}`);
    if (!a.reachable) continue;
    lines.push(`  TLS:                ${a.tlsVersions.join(", ") || "none"}`);
    a.servedChain.forEach((c, i) =>
      lines.push(`  served ${i + 1}:           ${c.subject}  (issuer ${c.issuer}, until ${c.notAfter})`),
    );
    const yn = (v: boolean | null) => (v === null ? "unknown" : v ? "yes" : "no");
    lines.push(
      `  client certificate: requested ${yn(a.clientCertificateRequested)}, required ${yn(a.clientCertificateRequired)}`,
    );
    lines.push(
      `  acceptable CAs:     ${a.acceptableCaNames === null ? "unreadable" : a.acceptableCaNames.join("; ") || "none listed"}`,
    );
    if (a.mutualHandshake)
      lines.push(`  with your cert:     ${a.mutualHandshake.ok ? "accepted" : `refused (${a.mutualHandshake.error})`}`);
  }
  if (r.findings.length) lines.push("");
  for (const f of r.findings) {
    lines.push(`  ${MARK[f.severity]} ${f.code}: ${f.message}`);
    if (f.hint) lines.push(`          fix: ${f.hint}`);
  }
  return lines.join("\n") + "\n";
}

export async function probeMain(
  argv: readonly string[],
  io: { out: (s: string) => void; err: (s: string) => void },
  now = new Date(),
): Promise<number> {
  let args: ProbeArgs;
  let files: { cert?: string; key?: string; ca?: string };
  try {
    args = parseProbeArgs(argv[0] === "probe" ? argv.slice(1) : argv);
    files = {};
    for (const name of ["cert", "key", "ca"] as const) {
      const file = args[name];
      if (!file) continue;
      try {
        files[name] = readFileSync(file, "utf8");
      } catch (e) {
        io.err(`portal-check: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? "error"}\n`);
        return 2;
      }
    }
  } catch (e) {
    return usageExitCode(e, PROBE_USAGE, io.err);
  }
  const observation = await probeEndpoint({
    host: args.host,
    port: args.port,
    allow: "any",
    timeoutMs: args.timeoutMs,
    ca: files.ca,
    clientCredential: files.cert && files.key ? { cert: files.cert, key: files.key } : undefined,
    lookup: isIP(args.host) ? async () => [{ address: args.host, family: isIP(args.host) }] : undefined,
  });
  const anchors = files.ca ? decodeInput(files.ca).certificates : [];
  const result = evaluateProbe(observation, { uploadedChain: [], anchors, thalesClientCas: [], now });
  io.out(args.json ? JSON.stringify(result, null, 2) + "\n" : formatProbe(result));
  return result.verdict === "failed" ? 1 : 0;
}
