import { finding, type Finding } from "@/lib/pki";

export const ALLOWED_PORTS = [443, 8443] as const;

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * The customer endpoint Thales calls (ISSUER_HOST): a DNS name only, port 443 (preferred) or 8443.
 * Thales resolves it through DNS (no IP allowlisting, addresses change), so IP literals are refused.
 */
export function checkHost(rawHost: string, port: number): { host: string; findings: Finding[] } {
  const findings: Finding[] = [];
  const host = rawHost.trim().toLowerCase().replace(/\.$/, "");
  const shown = rawHost.trim();
  const fix = "Enter only the DNS name, e.g. api.bank.example; choose the port separately.";
  if (!host) findings.push(finding("HOST_EMPTY", "Enter the DNS name of your endpoint.", fix));
  else if (/^[a-z][a-z0-9+.-]*:\/\//.test(host))
    findings.push(finding("HOST_HAS_SCHEME", `"${shown}" contains a scheme.`, fix));
  else if (/[/?#]/.test(host)) findings.push(finding("HOST_HAS_PATH", `"${shown}" contains a path or query.`, fix));
  else if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":") || host.startsWith("[")) {
    findings.push(
      finding(
        "HOST_IS_IP",
        "IP addresses are not accepted: Thales calls your endpoint by DNS name.",
        "Publish a DNS name for the endpoint and enter it here.",
      ),
    );
  } else if (host.startsWith("*.")) {
    findings.push(finding("HOST_WILDCARD", "A wildcard is not a host Thales can call.", fix));
  } else if (host.length > 253 || !host.split(".").every((label) => LABEL.test(label)) || !host.includes(".")) {
    findings.push(finding("HOST_INVALID", `"${shown}" is not a valid fully qualified DNS name.`, fix));
  }
  if (!(ALLOWED_PORTS as readonly number[]).includes(port)) {
    findings.push(finding("PORT_NOT_ALLOWED", `Port ${port} is not allowed.`, "Listen on 443 (preferred) or 8443."));
  } else if (port === 8443) {
    findings.push(finding("PORT_8443", "Port 8443 is supported; 443 is preferred."));
  }
  return { host, findings };
}

/** The API base path of a Thales inbound host: "/" when empty; must start with / (RFC 3986 §3.3). */
export function checkBasePath(raw: string): { basePath: string; findings: Finding[] } {
  const basePath = raw.trim() || "/";
  if (basePath.startsWith("/") && !/\s|[?#]/.test(basePath)) return { basePath, findings: [] };
  const message = "The API base path must start with / and hold no spaces, query or fragment.";
  return { basePath, findings: [finding("BASE_PATH_INVALID", message)] };
}
