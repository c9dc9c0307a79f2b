import { getDb } from "@/lib/server/db/client";
import { getCrl } from "@/lib/server/ca/certificate-revocation-list";
import { AppError } from "@/lib/server/errors";
import { apiError } from "@/lib/server/api/http";

/**
 * The portal CA's CRL, public (relying parties fetch it without an account): `<name>.crl` DER as
 * application/pkix-crl (RFC 5280 §4.2.1.13, RFC 2585), `<name>.pem` the same CRL in PEM.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const match = /^(portal-ca-[0-9a-f]{16})\.(crl|pem)$/.exec(file);
  if (!match) return apiError(new AppError("NOT_FOUND"));
  try {
    const crl = await getCrl({ db: getDb(), name: match[1]! });
    const headers = {
      "Content-Type": match[2] === "crl" ? "application/pkix-crl" : "application/x-pem-file",
      "Cache-Control": `public, max-age=${Math.max(0, Math.min(3600, Math.floor((crl.nextUpdate.getTime() - Date.now()) / 1000)))}`,
      "X-Content-Type-Options": "nosniff",
    };
    return new Response(match[2] === "crl" ? Buffer.from(crl.der) : crl.pem, { headers });
  } catch (error) {
    return apiError(error);
  }
}
