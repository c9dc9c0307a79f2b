// Setup for the admin list spec: customer organizations added by an administrator through the portal's own
// service, as the /admin/organizations form adds one; more than a page of them, in one process rather than one
// form submission each. Prints how many it added.
//   DATABASE_URL=… node --conditions=react-server --import tsx e2e/support/create-organizations.ts <admin email> <name>…
import { databaseConfig } from "@/lib/server/db/config";
import { createDb } from "@/lib/server/db/client";
import { loadActor } from "@/lib/server/auth/load-actor";
import { createOrganization } from "@/lib/server/organizations/create-organization";

const [email, ...names] = process.argv.slice(2);
const db = createDb(databaseConfig());
try {
  const { id } = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const admin = (await loadActor(db, id))!;
  for (const name of names) await createOrganization({ db, actor: admin, input: { name } });
  console.log(names.length);
} finally {
  await db.$disconnect();
}
