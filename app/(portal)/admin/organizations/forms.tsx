"use client";
import { ActionForm, SubmitButton, useFormAction } from "@/components/action-form";
import { ActionOutcome } from "@/components/form-message";
// The rules module, not the "@/lib/pki" barrel: this is a client component.
import { PROGRAMS, programRules } from "@/lib/pki/policy/rules";
import {
  bindDomainAction,
  createIdentifierAction,
  createOrganizationAction,
  setExpectedCnAction,
  setPasswordLoginAction,
  unbindDomainAction,
} from "./actions";

const input = "rounded border border-slate-300 px-2 py-1.5 text-sm";
const row = "flex flex-wrap items-center gap-2";

/** A text field of these one-line forms: named by `aria-label` (the row has no visible label), always required. */
function Field({
  name,
  label,
  placeholder,
  mono = false,
}: {
  name: string;
  label: string;
  placeholder: string;
  mono?: boolean;
}) {
  return (
    <input
      name={name}
      aria-label={label}
      placeholder={placeholder}
      required
      className={mono ? `${input} font-mono` : input}
    />
  );
}

export function CreateOrganizationForm() {
  return (
    <ActionForm action={createOrganizationAction} className={row}>
      {(pending) => (
        <>
          <Field name="name" label="Organization name" placeholder="New customer organization" />
          <SubmitButton pending={pending}>Add organization</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

export function CreateIdentifierForm({ organizationId }: { organizationId: string }) {
  return (
    <ActionForm action={createIdentifierAction} className={row} hidden={{ organizationId }}>
      {(pending) => (
        <>
          <select name="program" aria-label="Program" className={input}>
            {PROGRAMS.map((p) => (
              <option key={p} value={p}>
                {programRules(p).label} ({programRules(p).identifierName})
              </option>
            ))}
          </select>
          <Field name="value" label="Identifier" placeholder="Identifier" mono />
          <SubmitButton pending={pending}>Add identifier</SubmitButton>
        </>
      )}
    </ActionForm>
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
  return (
    <ActionForm action={setExpectedCnAction} className={row} hidden={{ connectionId }}>
      {(pending) => (
        <>
          <label className="text-sm">
            {environment} client certificate CN{" "}
            <input name="expectedCn" defaultValue={current ?? ""} required className={`${input} font-mono`} />
          </label>
          <SubmitButton pending={pending}>Save</SubmitButton>
        </>
      )}
    </ActionForm>
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
  const [state, bind, pending] = useFormAction(bindDomainAction);
  const [unbindState, unbind] = useFormAction(unbindDomainAction);
  const [loginState, togglePassword] = useFormAction(setPasswordLoginAction);
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
      <form action={bind} className={row}>
        <input type="hidden" name="organizationId" value={organizationId} />
        <Field name="domain" label="E-mail domain" placeholder="acme.example" mono />
        <SubmitButton pending={pending}>Bind domain</SubmitButton>
      </form>
      <form action={togglePassword} className={row}>
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
