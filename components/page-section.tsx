/** A page of the portal: its heading, then its content, spaced alike on every page; `width` caps a page of prose. */
export function PageSection({
  title,
  width,
  children,
}: {
  title: string;
  width?: "max-w-4xl" | "max-w-5xl";
  children: React.ReactNode;
}) {
  return (
    <section className={width ? `${width} space-y-4` : "space-y-4"}>
      <h1 className="text-2xl font-semibold">{title}</h1>
      {children}
    </section>
  );
}
