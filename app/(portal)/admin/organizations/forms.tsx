"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/form-message";
// The rules module, not the "@/lib/pki" barrel: this is a client component.
import { PROGRAMS, programRules } from "@/lib/pki/policy/rules";
import type { ActionState } from "../../../_lib/request";
import { createIdentifierAction, createOrganizationAction, setExpectedCnAction } from "./actions";

const input = "rounded border border-slate-300 px-2 py-1.5 text-sm";
const button = "rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-60";

export function CreateOrganizationForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(createOrganizationAction, { ok: false });
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input name="name" aria-label="Organization name" placeholder="New customer organization" required className={input} />
      <button disabled={pending} className={button}>Add organization</button>
      {state.message && <FormMessage ok={state.ok}>{state.message}</FormMessage>}
    </form>
  );
}

export function CreateIdentifierForm({ organizationId }: { organizationId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createIdentifierAction, { ok: false });
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="organizationId" value={organizationId} />
      <select name="program" aria-label="Program" className={input}>
        {PROGRAMS.map((p) => <option key={p} value={p}>{programRules(p).label} ({programRules(p).identifierName})</option>)}
      </select>
      <input name="value" aria-label="Identifier" placeholder="Identifier" required className={`${input} font-mono`} />
      <button disabled={pending} className={button}>Add identifier</button>
      {state.message && <FormMessage ok={state.ok}>{state.message}</FormMessage>}
    </form>
  );
}

export function ExpectedCnForm({ connectionId, environment, current }: { connectionId: string; environment: string; current: string | null }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setExpectedCnAction, { ok: false });
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="connectionId" value={connectionId} />
      <label className="text-sm">{environment} client certificate CN <input name="expectedCn" defaultValue={current ?? ""} required className={`${input} font-mono`} /></label>
      <button disabled={pending} className={button}>Save</button>
      {state.message && <FormMessage ok={state.ok}>{state.message}</FormMessage>}
    </form>
  );
}
