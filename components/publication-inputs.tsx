import { useId } from "react";
import { Options } from "@/components/form-fields";

/** The content of a Thales file publication: a file, or pasted PEM (read by app/_lib/publish-input.ts). */
export function PemFileFields() {
  return (
    <>
      <label className="block text-sm font-medium">
        File (PEM, DER or PKCS#7)
        <input type="file" name="file" className="mt-1 block text-sm" />
      </label>
      <label className="block text-sm font-medium">
        …or paste PEM
        <textarea
          name="pasted"
          rows={6}
          className="mt-1 block w-full rounded border border-slate-300 p-2 font-mono text-xs"
        />
      </label>
    </>
  );
}

/**
 * The cut-over of a version that renews with overlap: a UTC datetime-local named `cutOverAt`, what the overlap
 * means, and what an empty one means (the `defaultText`, described by the input).
 */
export function CutOverField({
  legend,
  explanation,
  defaultText,
}: {
  legend: string;
  explanation: React.ReactNode;
  defaultText: React.ReactNode;
}) {
  const id = useId();
  return (
    <fieldset className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid="cut-over">
      <legend className="px-1 font-medium">{legend}</legend>
      <p className="text-slate-600">{explanation}</p>
      <label className="mt-2 block">
        Cut-over (UTC){" "}
        <input
          type="datetime-local"
          name="cutOverAt"
          className="rounded border border-slate-300 px-2 py-1 font-mono"
          aria-describedby={id}
        />
      </label>
      <p id={id} className="text-xs text-slate-600">
        {defaultText}
      </p>
    </fieldset>
  );
}

/** A Thales CA or chain published with overlap: the old one stays in each trust store until the cut-over. */
export function ThalesCutOverField({
  label,
  when,
  overlapDays,
}: {
  label: string;
  when: string;
  /** PUBLICATION_OVERLAP_DAYS (lib/assets/rotation.ts), from the server: the browser loads no kind table. */
  overlapDays: number;
}) {
  return (
    <CutOverField
      legend="Rotation with overlap"
      explanation={`Each connection keeps the ${label} it has in force, beside the new one, in its trust store until the cut-over; then the old one is retired.`}
      defaultText={`Empty: ${overlapDays} days after ${when}, or when the old one expires if sooner. A date from now on.`}
    />
  );
}

const selectClass = "mt-1 block w-full rounded border border-slate-300 px-3 py-2";

/** A labelled select of a publishing form (what, program, environment). */
export function ChoiceSelect<V extends string>({
  label,
  name,
  value,
  onChange,
  options,
}: {
  label: string;
  /** Absent: a choice that only filters the form, not sent. */
  name?: string;
  value: V;
  onChange: (value: V) => void;
  options: readonly { value: V; label: string }[];
}) {
  return (
    <label className="text-sm font-medium">
      {label}
      <select name={name} value={value} onChange={(e) => onChange(e.target.value as V)} className={selectClass}>
        <Options options={options} />
      </select>
    </label>
  );
}

/** What a publishing form publishes: one of the kinds the server offers it (`kind`), by its label. */
export function KindSelect<K extends string>({
  label,
  kinds,
  value,
  onChange,
}: {
  label: string;
  kinds: readonly { kind: K; label: string }[];
  value: K;
  onChange: (kind: K) => void;
}) {
  return (
    <ChoiceSelect
      label={label}
      name="kind"
      value={value}
      onChange={onChange}
      options={kinds.map((k) => ({ value: k.kind, label: k.label }))}
    />
  );
}

const ENVIRONMENT_OPTIONS = [
  { value: "PPR", label: "PPR — PreProd" },
  { value: "PRD", label: "PRD — Production" },
] as const;

/** PreProd or Production: sent as `name` when given; without one it only narrows the connections offered. */
export function EnvironmentSelect({
  name,
  value,
  onChange,
}: {
  name?: string;
  value: "PPR" | "PRD";
  onChange: (environment: "PPR" | "PRD") => void;
}) {
  return (
    <ChoiceSelect label="Environment" name={name} value={value} onChange={onChange} options={ENVIRONMENT_OPTIONS} />
  );
}

/** Said as soon as Production is chosen: `doing` ("publishing") only creates a request a second person approves. */
export function ProductionNotice({ doing }: { doing: string }) {
  return (
    <p className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      Production: {doing} creates a publication request. Nothing changes for customers until a second Thales person
      approves it.
    </p>
  );
}

/**
 * The first choices of a publishing form: what (`kinds`), any other choice (`children`, the campaign's program),
 * and the environment; once Production is chosen, that `doing` it only creates a request.
 */
export function PublicationHead<K extends string>({
  kindLabel,
  kinds,
  kind: [kind, setKind],
  environment: [environment, setEnvironment],
  environmentName,
  doing,
  children,
}: {
  kindLabel: string;
  kinds: readonly { kind: K; label: string }[];
  /** The form's state of each choice, as useState returns it: the form narrows its connections by them. */
  kind: readonly [K, (kind: K) => void];
  environment: readonly ["PPR" | "PRD", (environment: "PPR" | "PRD") => void];
  /** As in EnvironmentSelect: sent as this name when given, else it only narrows the connections offered. */
  environmentName?: string;
  doing: string;
  children?: React.ReactNode;
}) {
  return (
    <>
      <div className={`grid gap-3 ${children ? "sm:grid-cols-3" : "sm:grid-cols-2"}`}>
        <KindSelect label={kindLabel} kinds={kinds} value={kind} onChange={setKind} />
        {children}
        <EnvironmentSelect name={environmentName} value={environment} onChange={setEnvironment} />
      </div>
      {environment === "PRD" && <ProductionNotice doing={doing} />}
    </>
  );
}

/** One checkbox per connection (`connectionIds`), none ticked: each target is chosen on purpose. */
export function ConnectionCheckboxes({
  connections,
}: {
  connections: { id: string; organization: string; identifier: string; program: string }[];
}) {
  return (
    <div className="grid gap-1 sm:grid-cols-2">
      {connections.map((c) => (
        <label key={c.id} className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="connectionIds" value={c.id} /> {c.organization} ·{" "}
          <span className="font-mono">{c.identifier}</span> <span className="text-xs text-slate-600">{c.program}</span>
        </label>
      ))}
    </div>
  );
}
