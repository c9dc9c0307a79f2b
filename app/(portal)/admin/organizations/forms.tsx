"use client";
import { useActionState } from "react";
import { ActionOutcome } from "@/components/form-message";
// The rules module, not the "@/lib/pki" barrel: this is a client component.
import { PROGRAMS, programRules } from "@/lib/pki/policy/rules";
import type { ActionState } from "@/app/_lib/request";
import {
  bindDomainAction,
  createIdentifierAction,
  createOrganizationAction,
  setExpectedCnAction,
  setPasswordLoginAction,
  unbindDomainAction,
} from "./actions";

const input = "rounded border border-slate-300 px-2 py-1.5 text-sm";
const button = "rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-60";

export function CreateOrganizationForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(createOrganizationAction, { ok: false });
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input
        name="name"
        aria-label="Organization name"
        placeholder="New customer organization"
        required
        className={input}
      />
      <button disabled={pending} className={button}>
        Add organization
      </button>
      <ActionOutcome state={state} />
    </form>
  );
}

export function CreateIdentifierForm({ organizationId }: { organizationId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createIdentifierAction, { ok: false });
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="organizationId" value={organizationId} />
      <select name="program" aria-label="Program" className={input}>
        {PROGRAMS.map((p) => (
          <option key={p} value={p}>
            {programRules(p).label} ({programRules(p).identifierName})
          </option>
        ))}
      </select>
      <input name="value" aria-label="Identifier" placeholder="Identifier" required className={`${input} font-mono`} />
      <button disabled={pending} className={button}>
        Add identifier
      </button>
      <ActionOutcome state={state} />
    </form>
  );
}

export function ExpectedCnForm({
  connectionId,
  environment,
  current,
}: {
  connectionId: string;
  environment: string;
  current: string | null;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setExpectedCnAction, { ok: false });
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="connectionId" value={connectionId} />
      <label className="text-sm">
        {environment} client certificate CN{" "}
        <input name="expectedCn" defaultValue={current ?? ""} required className={`${input} font-mono`} />
      </label>
      <button disabled={pending} className={button}>
        Save
      </button>
      <ActionOutcome state={state} />
    </form>
  );
}

/** E-mail domains whose single sign-on accounts are provisioned into this organization, and password sign-in. */
export function SsoSettings({
  organizationId,
  domains,
  passwordLogin,
}: {
  organizationId: string;
  domains: { id: string; domain: string }[];
  passwordLogin: boolean;
}) {
  const [state, bind, pending] = useActionState<ActionState, FormData>(bindDomainAction, { ok: false });
  const [unbindState, unbind] = useActionState<ActionState, FormData>(unbindDomainAction, { ok: false });
  const [loginState, togglePassword] = useActionState<ActionState, FormData>(setPasswordLoginAction, { ok: false });
  return (
    <div className="space-y-2 text-sm" data-testid="sso-settings">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">Single sign-on domains:</span>
        {domains.length === 0 && <span className="text-slate-600">none</span>}
        {domains.map((d) => (
          <form
            key={d.id}
            action={unbind}
            className="inline-flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5"
            data-testid="sso-domain"
          >
            <input type="hidden" name="domainId" value={d.id} />
            <span className="font-mono">@{d.domain}</span>
            <button aria-label={`Remove ${d.domain}`} className="text-slate-600 hover:text-red-700">
              ×
            </button>
          </form>
        ))}
      </div>
      <form action={bind} className="flex flex-wrap items-center gap-2">
        <input type="hidden" name="organizationId" value={organizationId} />
        <input
          name="domain"
          aria-label="E-mail domain"
          placeholder="acme.example"
          required
          className={`${input} font-mono`}
        />
        <button disabled={pending} className={button}>
          Bind domain
        </button>
      </form>
      <form action={togglePassword} className="flex flex-wrap items-center gap-2">
        <input type="hidden" name="organizationId" value={organizationId} />
        <input type="hidden" name="allowed" value={passwordLogin ? "false" : "true"} />
        <span>
          Password sign-in:{" "}
          <strong data-testid="password-login">{passwordLogin ? "allowed" : "single sign-on only"}</strong>
        </span>
        <button className="rounded border border-slate-300 px-2 py-1 text-xs">
          {passwordLogin ? "Require single sign-on" : "Allow passwords again"}
        </button>
      </form>
      {[state, unbindState, loginState].map((s, i) => (
        <ActionOutcome key={i} state={s} />
      ))}
    </div>
  );
}
