import type { Metadata } from "next";
import { getDb } from "@/lib/server/db/client";
import { listApiTokens } from "@/lib/server/api-tokens/list-api-tokens";
import { pageUser } from "@/app/_lib/request";
import { revokeTokenAction } from "./actions";
import { CreateTokenForm } from "./create-token-form";
import { DateTime } from "@/components/date-time";
import { DataTable, Row } from "@/components/data-table";
import { PageSection } from "@/components/page-section";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const actor = await pageUser();
  const tokens = await listApiTokens({ db: getDb(), actor });
  return (
    <PageSection title="API tokens" width="max-w-4xl">
      <p className="text-sm text-slate-700">
        A token acts as you ({actor.email}) on the REST API, with your role and organization: send it as{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>. It is shown once and stored only as a hash. The API is
        described at{" "}
        <a className="underline" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </a>
        .
      </p>
      <CreateTokenForm />
      <DataTable label="API tokens" columns={["Name", "Token", "Created", "Last used", "Status", ""]}>
        {tokens.map((t) => (
          <Row key={t.id} data-testid="token-row">
            <td className="p-2">{t.name}</td>
            <td className="p-2 font-mono text-xs">{t.prefix}…</td>
            <td className="p-2 text-xs">
              <DateTime at={t.createdAt} />
            </td>
            <td className="p-2 text-xs">{t.lastUsedAt ? <DateTime at={t.lastUsedAt} /> : "—"}</td>
            <td className="p-2">{t.revokedAt ? <span className="text-red-700">Revoked</span> : "Active"}</td>
            <td className="p-2 text-right">
              {!t.revokedAt && (
                <form action={revokeTokenAction}>
                  <input type="hidden" name="tokenId" value={t.id} />
                  <button className="rounded border border-slate-300 px-2 py-1 text-xs">Revoke</button>
                </form>
              )}
            </td>
          </Row>
        ))}
      </DataTable>
    </PageSection>
  );
}
