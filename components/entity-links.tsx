import Link from "next/link";
import { EnvBadge } from "@/components/env-badge";

type Environment = "PPR" | "PRD";

/** A connection named by its identifier and, when given, its environment badge (the two together tell it apart). */
export function ConnectionLink({
  id,
  identifier,
  environment,
  mono = false,
}: {
  id: string;
  identifier: string;
  environment?: Environment;
  mono?: boolean;
}) {
  return (
    <>
      <Link className={mono ? "font-mono underline" : "underline"} href={`/connections/${id}`}>
        {identifier}
      </Link>
      {environment && (
        <>
          {" "}
          <EnvBadge env={environment} />
        </>
      )}
    </>
  );
}

/** A version named as people say it: its kind's label, when given, and its sequence number ("Client CSR v3"). */
export function VersionLink({ id, seq, label, testId }: { id: string; seq: number; label?: string; testId?: string }) {
  return (
    <Link className="underline" href={`/versions/${id}`} data-testid={testId}>
      {label ? `${label} v${seq}` : `v${seq}`}
    </Link>
  );
}

/** The way back from a page about one of a connection's things to the connection itself. */
export function BackToConnection({
  connection,
  organization,
}: {
  connection: { id: string; identifier: string; environment: string };
  organization?: string;
}) {
  return (
    <p className="text-sm">
      <Link className="underline" href={`/connections/${connection.id}`}>
        ← {organization ? `${organization} · ` : ""}
        {connection.identifier} {connection.environment}
      </Link>
    </p>
  );
}
