"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { signOutEverywhere } from "@/lib/server/auth/sign-out-everywhere";
import { refusedQuietly } from "@/app/_lib/request";
import { audited } from "@/app/_lib/action";

/** A sign-out flow: allowed before a password is chosen or a second factor enrolled. */
export async function signOutEverywhereAction(): Promise<void> {
  await refusedQuietly(async () =>
    signOutEverywhere(await audited({ allowMfaEnrolment: true, allowPasswordChange: true })),
  );
  const jar = await cookies();
  for (const name of ["next-auth.session-token", "__Secure-next-auth.session-token"]) jar.delete(name);
  redirect("/login?ended=everywhere");
}
