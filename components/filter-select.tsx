// The rules module, not the "@/lib/pki" barrel (as in the admin forms).
import {
  ENVIRONMENTS,
  PROGRAMS,
  isEnvironment,
  isProgram,
  type Environment,
  type Program,
} from "@/lib/pki/policy/rules";
import { Options } from "@/components/form-fields";

type Option = string | { value: string; label: string };

/**
 * One criterion of a list page's GET filter form: a select named by `aria-label` (the form has no visible labels),
 * whose first choice, `any`, leaves the criterion out.
 */
export function FilterSelect({
  name,
  label,
  value,
  any,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  any: string;
  options: readonly Option[];
}) {
  return (
    <select
      name={name}
      defaultValue={value ?? ""}
      aria-label={label}
      className="rounded border border-slate-300 px-2 py-1.5"
    >
      <option value="">{any}</option>
      <Options
        options={options.map((option) => (typeof option === "string" ? { value: option, label: option } : option))}
      />
    </select>
  );
}

/** PreProd, Production or both: the filter every list of connections offers. */
export function EnvironmentFilter({ value }: { value: string | undefined }) {
  return (
    <FilterSelect name="environment" label="Environment" value={value} any="Both environments" options={ENVIRONMENTS} />
  );
}

/** A list page's GET filter form: its criteria (`children`), then the button that applies them from page 1. */
export function FilterForm({ children }: { children: React.ReactNode }) {
  return (
    <form className="flex flex-wrap gap-2 text-sm">
      {children}
      <button className="rounded bg-slate-900 px-3 py-1.5 text-white">Filter</button>
    </form>
  );
}

/** A text criterion of a filter form: a search box named by `aria-label`, whose blank leaves the criterion out. */
export function FilterText({
  name,
  label,
  value,
  placeholder,
}: {
  name: string;
  label: string;
  value: string | undefined;
  placeholder: string;
}) {
  return (
    <input
      // A new value (a redirect to the list filtered by a name) replaces what the box showed.
      key={value ?? ""}
      type="search"
      name={name}
      defaultValue={value ?? ""}
      aria-label={label}
      placeholder={placeholder}
      className="rounded border border-slate-300 px-2 py-1.5"
    />
  );
}

/** One customer organization or all of them (the review queue's and the publishing forms' filters). */
export function OrganizationFilter({
  value,
  organizations,
}: {
  value: string | undefined;
  organizations: readonly { id: string; name: string }[];
}) {
  return (
    <FilterSelect
      name="organizationId"
      label="Organization"
      value={value}
      any="All organizations"
      options={organizations.map((o) => ({ value: o.id, label: o.name }))}
    />
  );
}

export type TargetNarrowing = { organizationId?: string; program?: Program; environment?: Environment };

/** What a TargetFilter sent, from the page's query (`filledIn`): an unknown program or environment is left out. */
export function targetNarrowing(params: Record<string, string>): TargetNarrowing {
  return {
    organizationId: params.organizationId || undefined,
    program: params.program && isProgram(params.program) ? params.program : undefined,
    environment: params.environment && isEnvironment(params.environment) ? params.environment : undefined,
  };
}

/**
 * The GET filter above a publishing form (the publish page, a new campaign): the organization, program and
 * environment of the connections the form offers to tick (`lead` says so), so a page never lists them all.
 */
export function TargetFilter({
  lead,
  filter,
  organizations,
}: {
  lead: string;
  filter: TargetNarrowing;
  organizations: readonly { id: string; name: string }[];
}) {
  return (
    <form className="flex flex-wrap items-center gap-2 text-sm" data-testid="targets-filter">
      <span className="text-slate-700">{lead}</span>
      <OrganizationFilter value={filter.organizationId} organizations={organizations} />
      {/* Not labelled "Program" nor "Environment": the form below may have its own (the campaign form has both). */}
      <FilterSelect
        name="program"
        label="Program of the connections offered"
        value={filter.program}
        any="All programs"
        options={PROGRAMS}
      />
      <FilterSelect
        name="environment"
        label="PreProd or Production"
        value={filter.environment}
        any="Both environments"
        options={ENVIRONMENTS}
      />
      <button className="rounded bg-slate-900 px-3 py-1.5 text-white">Narrow</button>
    </form>
  );
}
