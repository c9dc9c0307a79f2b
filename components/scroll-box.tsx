/**
 * A wide table or command that scrolls sideways in its own box, never the page (a 390 px phone). Focusable and
 * named, so a keyboard user can tab to it and scroll it with the arrow keys (axe `scrollable-region-focusable`).
 * `as="pre"` for a command or PEM block.
 */
export function ScrollBox({
  label,
  as: Tag = "div",
  className = "",
  children,
  ...rest
}: { label: string; as?: "div" | "pre"; className?: string; children: React.ReactNode } & Omit<
  React.HTMLAttributes<HTMLElement>,
  "role" | "tabIndex" | "aria-label"
>) {
  return (
    <Tag role="region" aria-label={label} tabIndex={0} className={`max-w-full overflow-x-auto ${className}`} {...rest}>
      {children}
    </Tag>
  );
}
