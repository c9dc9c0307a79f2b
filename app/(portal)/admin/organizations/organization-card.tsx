"use client";
import Link from "next/link";
import { EnvBadge } from "@/components/env-badge";
// The rules module, not the "@/lib/pki" barrel: this is a client component.
import { cnGivenByThales, isEnvironment, isProgram } from "@/lib/pki/policy/rules";
import type { OrganizationCard as Card } from "@/lib/server/organizations/list-organizations";
import { CreateIdentifierForm, ExpectedCnForm, SsoSettings } from "./forms";

/**
 * One organization of the admin list: its identifiers (with their connections), a new one, single sign-on. A client
 * component rendering plain data: repeated 25 times a page, its element tree would otherwise travel twice (HTML and
 * RSC payload).
 */
export function OrganizationCard({
  org,
  own,
}: {
  org: Card;
  /** The organization's own view (`?org=`), which pages its identifiers: no link to itself. */
  own: boolean;
}) {
  const hidden = org.identifierCount - org.identifiers.length;
  return (
    <article
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="organization"
      data-name={org.name}
    >
      <h2 className="font-semibold">
        {org.name}{" "}
        <span className="text-sm font-normal text-slate-600">
          {org.kind === "THALES" ? "Thales" : "Customer"} · {org.userCount} user(s) · {org.identifierCount}{" "}
          identifier(s)
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
      {!own && hidden > 0 && (
        <Link
          className="ml-2 inline-block text-sm underline"
          href={`/admin/organizations?org=${encodeURIComponent(org.id)}`}
          data-testid="all-identifiers"
        >
          All {org.identifierCount} identifiers of {org.name} ({hidden} more)
        </Link>
      )}
      {org.kind === "CUSTOMER" && <CreateIdentifierForm organizationId={org.id} />}
      <SsoSettings organizationId={org.id} domains={org.domains} passwordLogin={org.passwordLogin} />
    </article>
  );
}
