import "server-only";
import { readFileSync } from "node:fs";
import { parseAllowList, type ProbeAllowList } from "@/lib/pki/probe/address-policy";
import { DEFAULT_PROBE_TIMEOUT_MS } from "@/lib/probe/probe-endpoint";

export type ProbeConfig = {
  /** PORTAL_PROBE_ALLOW: CIDRs the probe may reach although non-public (a lab, the tests). */
  allow?: ProbeAllowList;
  /** PORTAL_PROBE_CLIENT_CERT_FILE / _KEY_FILE: a Thales client credential for a full mutual handshake. */
  clientCredential?: { cert: string; key: string };
  timeoutMs: number;
};

/** The probe's settings from the environment, read per call (tests and operators change them without restarts). */
export function probeConfig(env: NodeJS.ProcessEnv = process.env): ProbeConfig {
  const certFile = env.PORTAL_PROBE_CLIENT_CERT_FILE;
  const keyFile = env.PORTAL_PROBE_CLIENT_KEY_FILE;
  const timeout = Number(env.PORTAL_PROBE_TIMEOUT_MS ?? DEFAULT_PROBE_TIMEOUT_MS);
  return {
    allow: parseAllowList(env.PORTAL_PROBE_ALLOW),
    clientCredential:
      certFile && keyFile ? { cert: readFileSync(certFile, "utf8"), key: readFileSync(keyFile, "utf8") } : undefined,
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? Math.min(timeout, 15_000) : DEFAULT_PROBE_TIMEOUT_MS,
  };
}
