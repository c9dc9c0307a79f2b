/** Does a served leaf cover the host Thales dials? The chain check's RFC 6125 matcher (lib/pki/host-names). */
import { certificateMatchesHost } from "../host-names";
import type { ParsedCertificate } from "../parse-certificate";

export function leafCoversHost(leaf: ParsedCertificate, host: string): boolean {
  return certificateMatchesHost(leaf.ext.generalNames, host);
}
