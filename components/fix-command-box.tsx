"use client";
import { useState } from "react";
// The module itself, not the "@/lib/pki" barrel: this runs in the browser and needs only the type.
import type { FixCommand } from "@/lib/pki/fix-command";
import { ScrollBox } from "@/components/scroll-box";

/**
 * The one corrected command of an upload (lib/pki/fix-command.ts): what it does in words, the command alone in
 * a code box with a copy button, then how to read it (placeholders, the `\/` escapes). Prose and command are
 * apart so that what is copied is exactly what runs.
 */
export function FixCommandBox({ fix }: { fix: FixCommand }) {
  const [copied, setCopied] = useState<"yes" | "failed">();
  async function copy() {
    try {
      await navigator.clipboard.writeText(fix.command);
      setCopied("yes");
    } catch {
      // No clipboard (insecure origin, permission refused): the box stays selectable by hand.
      setCopied("failed");
    }
  }
  return (
    <section className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="fix-command">
      <h3 className="font-semibold">One command that fixes it all</h3>
      <p data-testid="fix-prose">{fix.prose}</p>
      <div className="relative">
        <ScrollBox
          as="pre"
          label="Command"
          className="rounded bg-slate-900 p-3 pr-20 font-mono text-xs text-slate-50"
          data-testid="fix-command-text"
        >
          <code>{fix.command}</code>
        </ScrollBox>
        <button
          type="button"
          onClick={copy}
          className="absolute top-2 right-2 rounded bg-white px-2 py-1 text-xs font-medium text-slate-900 ring-1 ring-slate-300 hover:bg-slate-100 focus:ring-2 focus:ring-blue-600 focus:outline-none"
          data-testid="copy-fix-command"
        >
          {copied === "yes" ? "Copied" : "Copy"}
        </button>
      </div>
      <p className="sr-only" role="status">
        {copied === "yes" ? "Command copied to the clipboard." : copied === "failed" ? "Copying failed." : ""}
      </p>
      {copied === "failed" && (
        <p className="text-xs text-amber-800">Your browser did not allow copying: select the command and copy it.</p>
      )}
      <ul className="list-disc space-y-1 pl-5 text-xs text-slate-700" data-testid="fix-notes">
        {fix.notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </section>
  );
}
