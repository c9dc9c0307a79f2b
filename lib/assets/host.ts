import type { Finding } from "@/lib/pki";

export const ALLOWED_PORTS = [443, 8443] as const;

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * The customer endpoint Thales calls (ISSUER_HOST): a DNS name only, port 443 (preferred) or 8443.
 * Thales resolves it through DNS (no IP allowlisting, addresses change), so IP literals are refused.
 */
export function checkHost(rawHost: string, port: number): { host: string; findings: Finding[] } {
  const findings: Finding[] = [];
  const host = rawHost.trim().toLowerCase().replace(/\.$/, "");
  const fix = "Enter only the DNS name, e.g. api.bank.example; choose the port separately.";
  if (!host) findings.push({ severity: "error", code: "HOST_EMPTY", message: "Enter the DNS name of your endpoint.", hint: fix });
  else if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) findings.push({ severity: "error", code: "HOST_HAS_SCHEME", message: `"${rawHost.trim()}" contains a scheme.`, hint: fix });
  else if (/[/?#]/.test(host)) findings.push({ severity: "error", code: "HOST_HAS_PATH", message: `"${rawHost.trim()}" contains a path or query.`, hint: fix });
  else if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":") || host.startsWith("[")) {
    findings.push({ severity: "error", code: "HOST_IS_IP", message: "IP addresses are not accepted: Thales calls your endpoint by DNS name.", hint: "Publish a DNS name for the endpoint and enter it here." });
  } else if (host.startsWith("*.")) {
    findings.push({ severity: "error", code: "HOST_WILDCARD", message: "A wildcard is not a host Thales can call.", hint: fix });
  } else if (host.length > 253 || !host.split(".").every((label) => LABEL.test(label)) || !host.includes(".")) {
    findings.push({ severity: "error", code: "HOST_INVALID", message: `"${rawHost.trim()}" is not a valid fully qualified DNS name.`, hint: fix });
  }
  if (!(ALLOWED_PORTS as readonly number[]).includes(port)) {
    findings.push({ severity: "error", code: "PORT_NOT_ALLOWED", message: `Port ${port} is not allowed.`, hint: "Listen on 443 (preferred) or 8443." });
  } else if (port === 8443) {
    findings.push({ severity: "info", code: "PORT_8443", message: "Port 8443 is supported; 443 is preferred." });
  }
  return { host, findings };
}
