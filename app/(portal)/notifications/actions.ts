"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";
import { refusedQuietly } from "@/app/_lib/request";

export async function markReadAction(form: FormData): Promise<void> {
  const parsed = z
    .object({ notificationId: z.string().min(1).max(100).optional(), all: z.literal("1").optional() })
    .safeParse({
      notificationId: form.get("notificationId") ?? undefined,
      all: form.get("all") ?? undefined,
    });
  if (!parsed.success) return;
  await refusedQuietly(async () =>
    markNotificationsRead({
      db: getDb(),
      actor: await requireUser(),
      notificationId: parsed.data.notificationId,
      all: parsed.data.all === "1",
    }),
  );
  revalidatePath("/", "layout");
}
