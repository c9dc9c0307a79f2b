"use client";
import { useActionState, useState } from "react";
import { FindingsList } from "@/components/findings-list";
import { FormMessage } from "@/components/form-message";
import { publishAction, type PublishState } from "./actions";

export type PublishKind = { kind: string; label: string; programs: readonly string[]; host: boolean };
export type PublishTarget = { id: string; organization: string; identifier: string; program: string; environment: "PPR" | "PRD" };

export function PublishForm({ kinds, targets }: { kinds: PublishKind[]; targets: PublishTarget[] }) {
  const [state, action, pending] = useActionState<PublishState, FormData>(publishAction, {});
  const [kind, setKind] = useState(kinds[0]!.kind);
  const [environment, setEnvironment] = useState<"PPR" | "PRD">("PPR");
  const info = kinds.find((k) => k.kind === kind)!;
  const matching = targets.filter((t) => t.environment === environment && info.programs.includes(t.program));
  const field = "mt-1 block w-full rounded border border-slate-300 px-3 py-2";
  return (
    <form action={action} className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="text-sm font-medium">What<select name="kind" value={kind} onChange={(e) => setKind(e.target.value)} className={field}>{kinds.map((k) => <option key={k.kind} value={k.kind}>{k.label} ({k.kind})</option>)}</select></label>
        <label className="text-sm font-medium">Environment<select value={environment} onChange={(e) => setEnvironment(e.target.value as "PPR" | "PRD")} className={field}><option value="PPR">PPR — PreProd</option><option value="PRD">PRD — Production</option></select></label>
      </div>
      <fieldset className="rounded border border-slate-200 bg-white p-3">
        <legend className="px-1 text-sm font-medium">To connections ({matching.length} of {environment})</legend>
        {matching.length === 0 && <p className="text-sm text-slate-500">No connection of this environment uses this asset.</p>}
        <div className="grid gap-1 sm:grid-cols-2">
          {matching.map((t) => (
            <label key={t.id} className="flex items-center gap-2 text-sm"><input type="checkbox" name="connectionIds" value={t.id} defaultChecked /> {t.organization} · <span className="font-mono">{t.identifier}</span> <span className="text-xs text-slate-500">{t.program}</span></label>
          ))}
        </div>
      </fieldset>
      {info.host ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <label className="text-sm font-medium">Host name<input name="host" className={`${field} font-mono`} placeholder="api.d1.thalescloud.io" /></label>
          <label className="text-sm font-medium">API base path<input name="basePath" className={`${field} font-mono`} placeholder="/v1" /></label>
        </div>
      ) : (
        <>
          <label className="block text-sm font-medium">File (PEM, DER or PKCS#7)<input type="file" name="file" className="mt-1 block text-sm" /></label>
          <label className="block text-sm font-medium">…or paste PEM<textarea name="pasted" rows={6} className="mt-1 block w-full rounded border border-slate-300 p-2 font-mono text-xs" /></label>
        </>
      )}
      {state.message && <FormMessage ok={state.ok}>{state.message}</FormMessage>}
      {state.findings && state.findings.length > 0 && <FindingsList findings={state.findings} />}
      <button disabled={pending || matching.length === 0} className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60">{pending ? "Publishing…" : "Publish"}</button>
    </form>
  );
}
