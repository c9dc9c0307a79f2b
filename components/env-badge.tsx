const STYLES = {
  PPR: { label: "PreProd", className: "bg-ppr-bg text-ppr ring-ppr/40" },
  PRD: { label: "Production", className: "bg-prd-bg text-prd ring-prd/40" },
} as const;

/** PPR and PRD never look alike: colour, code and name together. */
export function EnvBadge({ env }: { env: keyof typeof STYLES }) {
  const style = STYLES[env];
  return (
    <span
      data-env={env}
      className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${style.className}`}
    >
      {env}
      <span className="font-normal">{style.label}</span>
    </span>
  );
}
