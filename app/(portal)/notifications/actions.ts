"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";
import { refusedQuietly } from "@/app/_lib/request";
import { signedIn } from "@/app/_lib/action";

export async function markReadAction(form: FormData): Promise<void> {
  const parsed = z
    .object({ notificationId: z.string().min(1).max(100).optional(), all: z.literal("1").optional() })
    .safeParse({
      notificationId: form.get("notificationId") ?? undefined,
      all: form.get("all") ?? undefined,
    });
  if (!parsed.success) return;
  const { notificationId, all } = parsed.data;
  await refusedQuietly(async () => markNotificationsRead({ ...(await signedIn()), notificationId, all: all === "1" }));
  revalidatePath("/", "layout");
}
