"use client";
import { SubmitButton, useFormAction } from "@/components/action-form";
import { FormMessage } from "@/components/form-message";
import { ROLES, ROLE_LABELS } from "@/lib/assets/permissions";
import { createUserAction } from "./actions";

export function CreateUserForm({ organizations }: { organizations: { id: string; name: string; kind: string }[] }) {
  const [state, action, pending] = useFormAction(createUserAction);
  return (
    <form action={action} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-5">
      <label className="text-sm">
        E-mail
        <input
          name="email"
          type="email"
          required
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
        />
      </label>
      <label className="text-sm">
        Name
        <input name="name" required className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5" />
      </label>
      <label className="text-sm">
        Role
        <select name="role" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5">
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        Organization
        <select name="organizationId" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5">
          {organizations.map((org) => (
            <option key={org.id} value={org.id}>
              {org.name}
              {org.kind === "THALES" ? " (Thales)" : ""}
            </option>
          ))}
        </select>
      </label>
      <div className="flex items-end">
        <SubmitButton
          pending={pending}
          className="w-full rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
        >
          Invite user
        </SubmitButton>
      </div>
      {state.message && (
        <div className="sm:col-span-5">
          <FormMessage ok={state.ok}>
            {state.message}
            {state.data?.oneTimePassword && (
              <code data-testid="one-time-password" className="ml-2 rounded bg-white px-2 py-0.5 font-mono">
                {state.data.oneTimePassword}
              </code>
            )}
            {state.fieldErrors &&
              Object.entries(state.fieldErrors).map(([field, errors]) => (
                <div key={field}>
                  {field}: {errors?.join(", ")}
                </div>
              ))}
          </FormMessage>
        </div>
      )}
    </form>
  );
}
