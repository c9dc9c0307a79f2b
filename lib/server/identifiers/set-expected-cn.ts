import "server-only";
import { cnGivenByThales } from "@/lib/pki";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/guards";
import { loadConnection } from "../connections/load-connection";

/** TSH: the CN Thales expects in the customer's self-signed client certificate, per connection. */
export async function setExpectedCn({
  db,
  actor,
  connectionId,
  expectedCn,
  origin,
}: {
  db: Db;
  actor: Actor;
  connectionId: string;
  expectedCn: string;
  origin?: RequestOrigin;
}) {
  requirePermission(actor, "organization:manage");
  const connection = await loadConnection(db, actor, connectionId);
  if (!cnGivenByThales(connection.program))
    throw new AppError(
      "INVALID_INPUT",
      "Only TSH connections have a CN set by Thales; D1 CNs follow the TLSMA pattern.",
    );
  const value = expectedCn.trim();
  if (value.length < 1 || value.length > 64 || /[\u0000-\u001f]/.test(value))
    throw new AppError("INVALID_INPUT", "A CN has 1 to 64 printable characters.");
  await db.$transaction(async (tx) => {
    await tx.connection.update({ where: { id: connection.id }, data: { expectedCn: value } });
    await recordAudit(tx, {
      action: "connection.expected-cn-set",
      actor,
      organizationId: connection.organizationId,
      target: { type: "Connection", id: connection.id },
      before: { expectedCn: connection.expectedCn },
      after: { expectedCn: value },
      origin,
    });
  });
}
