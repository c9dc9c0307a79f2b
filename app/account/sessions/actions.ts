"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { signOutEverywhere } from "@/lib/server/auth/sign-out-everywhere";
import { refusedQuietly, requestOrigin } from "@/app/_lib/request";

/** A sign-out flow: allowed before a password is chosen or a second factor enrolled. */
export async function signOutEverywhereAction(): Promise<void> {
  await refusedQuietly(async () => {
    const actor = await requireUser({ allowMfaEnrolment: true, allowPasswordChange: true });
    await signOutEverywhere({ db: getDb(), actor, origin: await requestOrigin() });
  });
  const jar = await cookies();
  for (const name of ["next-auth.session-token", "__Secure-next-auth.session-token"]) jar.delete(name);
  redirect("/login?ended=everywhere");
}
