import { TRUST_STORE_FILES, TRUST_STORE_FORMATS } from "@/lib/pki";
import { InstallRecipes } from "./install-recipes";

/** The connection's trust-store export in every format, with how to install it. */
export function TrustStoreDownloads({
  connectionId,
  audience,
  stem,
}: {
  connectionId: string;
  audience: "customer" | "thales-backend";
  stem: string;
}) {
  return (
    <div
      className="rounded-lg border border-slate-200 bg-white p-4 text-sm"
      data-testid="trust-store-downloads"
      data-audience={audience}
    >
      <h2 className="font-semibold">
        {audience === "customer" ? "Your trust store" : "Backend trust store (the customer's server CAs)"}
      </h2>
      <p className="mt-1 flex flex-wrap gap-2">
        {TRUST_STORE_FORMATS.map((format) => (
          <a
            key={format}
            className="text-blue-800 underline"
            data-testid={`trust-store-${format}`}
            href={`/connections/${connectionId}/trust-store?format=${format}&audience=${audience}`}
          >
            {TRUST_STORE_FILES[format].label}
          </a>
        ))}
      </p>
      <InstallRecipes download={`trust-store:${audience}`} stem={stem} />
    </div>
  );
}
