import type { Metadata } from "next";
import Link from "next/link";
import { EnvBadge } from "@/components/env-badge";
import { cnGivenByThales, isEnvironment, isProgram } from "@/lib/pki";
import { getDb } from "@/lib/server/db/client";
import { listOrganizations } from "@/lib/server/organizations/list-organizations";
import { pageUserWho } from "@/app/_lib/request";
import { CreateIdentifierForm, CreateOrganizationForm, ExpectedCnForm, SsoSettings } from "./forms";
import { PageSection } from "@/components/page-section";

export const metadata: Metadata = { title: "Organizations" };

export default async function OrganizationsPage() {
  const actor = await pageUserWho("organization:manage");
  const organizations = await listOrganizations({ db: getDb(), actor });
  return (
    <PageSection title="Organizations and identifiers">
      <CreateOrganizationForm />
      {organizations.map((org) => (
        <article
          key={org.id}
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
          data-testid="organization"
          data-name={org.name}
        >
          <h2 className="font-semibold">
            {org.name}{" "}
            <span className="text-sm font-normal text-slate-600">
              {org.kind === "THALES" ? "Thales" : "Customer"} · {org._count.users} user(s)
            </span>
          </h2>
          {org.identifiers.map((identifier) => (
            <div
              key={identifier.id}
              className="ml-2 space-y-1 border-l-2 border-slate-200 pl-3"
              data-testid="identifier"
              data-identifier={identifier.value}
            >
              <div className="text-sm">
                <span className="font-mono font-medium">{identifier.value}</span>{" "}
                <span className="text-slate-600">{identifier.program}</span>
              </div>
              <div className="flex flex-wrap gap-3 text-sm">
                {identifier.connections.map(
                  (c) =>
                    isEnvironment(c.environment) && (
                      <Link
                        key={c.id}
                        href={`/connections/${c.id}`}
                        className="underline"
                        data-testid="connection-link"
                        data-env={c.environment}
                      >
                        <EnvBadge env={c.environment} />
                      </Link>
                    ),
                )}
              </div>
              {isProgram(identifier.program) &&
                cnGivenByThales(identifier.program) &&
                identifier.connections.map((c) => (
                  <ExpectedCnForm key={c.id} connectionId={c.id} environment={c.environment} current={c.expectedCn} />
                ))}
            </div>
          ))}
          {org.kind === "CUSTOMER" && <CreateIdentifierForm organizationId={org.id} />}
          <SsoSettings organizationId={org.id} domains={org.domains} passwordLogin={org.passwordLogin} />
        </article>
      ))}
    </PageSection>
  );
}
