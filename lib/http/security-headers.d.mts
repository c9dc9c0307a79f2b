export type Header = { key: string; value: string };
export const STATIC_SECURITY_HEADERS: Header[];
export const API_CSP: string;
export const HSTS: Header;
export const PROXYLESS_SOURCES: string[];
export function apiSecurityHeaders(): {
  source: string;
  has?: { type: "header"; key: string; value: string }[];
  headers: Header[];
}[];
