import { ScrollBox } from "@/components/scroll-box";

/**
 * The portal's list of records: a white table with a grey header row, in a named `ScrollBox` so a wide one scrolls
 * on a phone instead of the page. A `false` column is left out (a column only some readers see). `empty`, when
 * given, is the one row shown in place of none; `footer` stays inside the scroll box, under the table.
 */
export function DataTable({
  label,
  columns,
  collapse = false,
  testId,
  empty,
  footer,
  children,
}: {
  label: string;
  columns: (string | false)[];
  collapse?: boolean;
  testId?: string;
  empty?: React.ReactNode;
  footer?: React.ReactNode;
  children: React.ReactNode;
}) {
  const shown = columns.filter((column) => column !== false);
  return (
    <ScrollBox label={label}>
      <table
        className={`w-full ${collapse ? "border-collapse overflow-hidden " : ""}rounded-lg bg-white text-sm shadow-sm`}
        data-testid={testId}
      >
        <thead className="bg-slate-100 text-left">
          <tr>
            {shown.map((column, i) => (
              <th key={i} className="p-2">
                {column || null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {empty && (
            <tr>
              <td colSpan={shown.length} className="p-2 text-slate-600">
                {empty}
              </td>
            </tr>
          )}
          {children}
        </tbody>
      </table>
      {footer}
    </ScrollBox>
  );
}

/** One record of a `DataTable` (or of another of the portal's tables), ruled off from the one above. */
export function Row({ className, ...rest }: React.HTMLAttributes<HTMLTableRowElement>) {
  return (
    <tr className={className ? `border-t border-slate-100 ${className}` : "border-t border-slate-100"} {...rest} />
  );
}
