import { exportTrustStore } from "@/lib/server/connections/export-trust-store";
import { fileRoute } from "@/app/_lib/file-route";

export const GET = fileRoute(async (request, id, signedIn) => {
  const audience = new URL(request.url).searchParams.get("audience");
  const result = await exportTrustStore({
    ...(await signedIn()),
    connectionId: id,
    audience: audience === "customer" || audience === "thales-backend" ? audience : undefined,
  });
  return { filename: result.filename, contentType: "application/x-pem-file", body: result.body };
});
