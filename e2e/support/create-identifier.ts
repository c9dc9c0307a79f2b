// Setup for API-only specs: an administrator adds an identifier (with its PPR and PRD connections) through the
// portal's own service, as the /admin/organizations form does; there is no REST route for it. Prints one JSON
// line {PPR, PRD} with the connection ids.
//   DATABASE_URL=… node --conditions=react-server --import tsx e2e/support/create-identifier.ts <admin email> <organization> <program> <value>
import { databaseConfig } from "@/lib/server/db/config";
import { createDb } from "@/lib/server/db/client";
import { loadActor } from "@/lib/server/auth/load-actor";
import { createIdentifier } from "@/lib/server/identifiers/create-identifier";
import type { Program } from "@/lib/pki";

const [email, organization, program, value] = process.argv.slice(2);
const db = createDb(databaseConfig());
try {
  const admin = (await loadActor(
    db,
    (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id,
  ))!;
  const { id: organizationId } = await db.organization.findFirstOrThrow({
    where: { name: organization },
    select: { id: true },
  });
  const { id: identifierId } = await createIdentifier({
    db,
    actor: admin,
    input: { organizationId, program: program as Program, value: value! },
  });
  const connections = await db.connection.findMany({
    where: { identifierId },
    select: { id: true, environment: true },
  });
  console.log(JSON.stringify(Object.fromEntries(connections.map((c) => [c.environment, c.id]))));
} finally {
  await db.$disconnect();
}
