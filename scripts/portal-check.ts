/**
 * portal-check: check a CSR, client certificate, server chain or trust store exactly as the portal does.
 *
 *   portal-check <file|-> --program d1|d1-ecom|tsh --env PPR|PRD --id <identifier>
 *                --asset csr|client-certificate|server-chain|trust-store [--expected-cn <CN>] [--now <ISO-8601>]
 *                [--trust-anchors <PEM file>] [--host <name>] [--json]
 *
 * Exit codes: 0 accepted (warnings allowed), 1 rejected, 2 usage error or unreadable file.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { probeMain } from "./portal-check-probe";
import { readArgs, usageExitCode, UsageError } from "./portal-check-args";
import {
  checkAsset,
  decodeInput,
  isAssetCheckKind,
  isEnvironment,
  isProgram,
  MAX_INPUT_BYTES,
  toCliJson,
  type CheckAssetOptions,
  type CheckReport,
} from "../lib/pki/index";

export const USAGE = `usage: portal-check <file|-> --program d1|d1-ecom|tsh --env PPR|PRD --id <identifier>
                    --asset csr|client-certificate|server-chain|trust-store
                    [--expected-cn <CN>] [--now <ISO-8601>] [--json]
                    [--trust-anchors <PEM file>]  anchor in these CAs instead of the Mozilla store
                    [--host <name>]               the host Thales calls: the server certificate must match it
       portal-check probe <host[:port]> [--cert client.pem --key client.key] [--ca ca.pem] [--json]
                    check an endpoint on the wire, as the portal does (the key stays on this machine)`;

type Parsed = { file: string; json: boolean; opts: CheckAssetOptions; trustAnchorsFile?: string };

/** Parse argv (without node and script). Throws UsageError with a message for the user. */
export function parseArgs(argv: readonly string[], now = new Date()): Parsed {
  const {
    positional: file,
    flags,
    json,
  } = readArgs(argv, {
    names: ["program", "env", "id", "asset", "expected-cn", "now", "trust-anchors", "host"],
    equals: true,
  });
  if (file === undefined) throw new UsageError("missing <file> (use - for standard input)");
  const program = flags.get("program");
  const env = flags.get("env");
  const id = flags.get("id");
  const asset = flags.get("asset");
  if (!isProgram(program)) throw new UsageError("--program must be d1, d1-ecom or tsh");
  if (!isEnvironment(env)) throw new UsageError("--env must be PPR or PRD");
  if (!id) throw new UsageError("--id <identifier> is required");
  if (!isAssetCheckKind(asset))
    throw new UsageError("--asset must be csr, client-certificate, server-chain or trust-store");
  let when = now;
  const nowFlag = flags.get("now");
  if (nowFlag !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(nowFlag) || Number.isNaN(Date.parse(nowFlag)))
      throw new UsageError("--now must be an ISO-8601 date, e.g. 2026-01-31T12:00:00Z");
    when = new Date(nowFlag);
  }
  const expectedCn = flags.get("expected-cn");
  const host = flags.get("host");
  const trustAnchorsFile = flags.get("trust-anchors");
  return {
    file,
    json,
    ...(trustAnchorsFile !== undefined ? { trustAnchorsFile } : {}),
    opts: {
      program,
      environment: env,
      identifier: id,
      asset,
      now: when,
      ...(expectedCn !== undefined ? { expectedCn } : {}),
      ...(host !== undefined ? { host } : {}),
    },
  };
}

/** Read at most limit + 1 bytes, so an oversized file is reported, not slurped. */
function readInput(file: string): Uint8Array {
  const fd = file === "-" ? 0 : openSync(file, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.alloc(65536);
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EAGAIN") continue;
        if ((e as NodeJS.ErrnoException).code === "EOF") break;
        throw e;
      }
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > MAX_INPUT_BYTES) break;
    }
    return new Uint8Array(Buffer.concat(chunks));
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/** The CA certificates of a PEM (or DER/PKCS#7) file, or why it cannot serve as trust anchors. */
function readTrustAnchors(file: string): Uint8Array[] | string {
  let bytes: Uint8Array;
  try {
    bytes = readInput(file);
  } catch (e) {
    return `cannot read --trust-anchors ${file}: ${(e as NodeJS.ErrnoException).code ?? "error"}`;
  }
  const d = decodeInput(bytes);
  if (d.privateKeyDetected) return `--trust-anchors ${file} contains a private key; it was not used`;
  if (!d.certificates.length) return `--trust-anchors ${file} holds no certificate`;
  return d.certificates;
}

const MARK = { error: "ERROR  ", warning: "WARNING", info: "INFO   " } as const;

/** Human-readable report: what was found, verdict, each finding with its fix, the certificates. */
export function formatReport(r: CheckReport, o: CheckAssetOptions): string {
  const lines: string[] = [];
  const count = (s: string) => r.findings.filter((f) => f.severity === s).length;
  lines.push(`portal-check  program=${o.program} env=${o.environment} id=${o.identifier} asset=${o.asset}`);
  lines.push(`Found:   ${r.found}`);
  lines.push(`Verdict: ${r.verdict.toUpperCase()} (${count("error")} error(s), ${count("warning")} warning(s))`);
  if (o.host !== undefined) lines.push(`Host:    ${o.host}`);
  if (r.path?.length)
    lines.push(
      `Path:    ${r.path.map((p) => (p.source === "trust-anchors" ? `[anchor] ${p.subject}` : p.subject)).join("  ->  ")}`,
    );
  if (r.findings.length) lines.push("");
  for (const f of r.findings) {
    lines.push(`  ${MARK[f.severity]} ${f.code}: ${f.message}`);
    if (f.hint) lines.push(`          fix: ${f.hint}`);
  }
  if (r.fix)
    lines.push(
      "",
      r.fix.prose,
      "",
      ...r.fix.command.split("\n").map((l) => `    ${l}`),
      "",
      ...r.fix.notes.map((n) => `  - ${n}`),
    );
  if (r.csr) {
    lines.push(
      "",
      "CSR:",
      `  subject:   ${r.csr.subject}`,
      `  key:       ${r.csr.publicKey}`,
      `  signature: ${r.csr.signatureAlgorithm}`,
    );
  }
  if (r.certificates.length) {
    lines.push("", "Certificates (leaf -> root):");
    r.certificates.forEach((c, i) => {
      lines.push(
        `  ${i + 1}. [${c.role}] ${c.subject}`,
        `     issuer:  ${c.issuer}`,
        `     valid:   ${c.notBefore} .. ${c.notAfter}`,
        `     serial:  ${c.serialNumber}`,
        `     sha256:  ${c.sha256}`,
      );
    });
  }
  return lines.join("\n") + "\n";
}

/** Run the CLI; returns the exit code. */
export async function main(
  argv: readonly string[],
  io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) },
): Promise<number> {
  if (argv[0] === "probe") return probeMain(argv, io);
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    return usageExitCode(e, USAGE, io.err);
  }
  let input: Uint8Array;
  try {
    input = readInput(parsed.file);
  } catch (e) {
    io.err(
      `portal-check: cannot read ${parsed.file === "-" ? "standard input" : parsed.file}: ${(e as NodeJS.ErrnoException).code ?? "error"}\n`,
    );
    return 2;
  }
  if (parsed.trustAnchorsFile !== undefined) {
    const anchors = readTrustAnchors(parsed.trustAnchorsFile);
    if (typeof anchors === "string") {
      io.err(`portal-check: ${anchors}\n`);
      return 2;
    }
    parsed.opts.trustAnchors = anchors;
  }
  const report = await checkAsset(input, parsed.opts);
  io.out(parsed.json ? JSON.stringify(toCliJson(report), null, 2) + "\n" : formatReport(report, parsed.opts));
  return report.verdict === "accepted" ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
