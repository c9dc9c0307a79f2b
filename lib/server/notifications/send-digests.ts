import "server-only";
import { isEventCode, isMandatoryEmail, type EventPayload, type Recipient } from "@/lib/assets/notification-events";
import { renderDigest } from "@/lib/assets/notification-email";
import { isRole, roleSide } from "@/lib/assets/permissions";
import type { JobContext, JobResult } from "../jobs/job-context";

const DAY_MS = 86_400_000;

/**
 * The daily digest for users who chose it: once per UTC day, one e-mail with what reached their inbox since
 * the last digest (mandatory notices were already sent one by one). The day is claimed with a conditional
 * update before sending, so two instances never both send it; a failed send gives the claim back.
 */
export async function sendDigests(context: JobContext): Promise<JobResult> {
  const { db, now, mailer } = context;
  if (!mailer) return { sent: 0 };
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const due = await db.notificationSetting.findMany({
    where: { digest: true, OR: [{ lastDigestAt: null }, { lastDigestAt: { lt: today } }] },
    select: { userId: true, lastDigestAt: true },
  });
  let sent = 0;
  for (const setting of due) {
    const claimed = await db.notificationSetting.updateMany({
      where: { userId: setting.userId, lastDigestAt: setting.lastDigestAt },
      data: { lastDigestAt: now },
    });
    if (claimed.count !== 1) continue;
    const user = await db.user.findUnique({
      where: { id: setting.userId },
      select: { email: true, role: true, disabled: true },
    });
    const since = setting.lastDigestAt ?? new Date(now.getTime() - DAY_MS);
    const rows =
      user && !user.disabled
        ? await db.notification.findMany({
            where: { userId: setting.userId, createdAt: { gte: since, lt: now } },
            orderBy: { createdAt: "asc" },
            take: 500,
            select: { type: true, event: { select: { payload: true } } },
          })
        : [];
    const side: Recipient = user && isRole(user.role) ? roleSide(user.role) : "THALES";
    const items = rows.flatMap((row) => {
      if (!isEventCode(row.type)) return [];
      const payload = JSON.parse(row.event.payload) as EventPayload;
      return isMandatoryEmail(row.type, payload) ? [] : [{ code: row.type, payload, side }];
    });
    if (!user || items.length === 0) continue;
    const email = renderDigest(items, context.config.publicUrl, today.toISOString().slice(0, 10));
    try {
      await mailer.send({
        from: context.config.mailFrom,
        to: user.email,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: `<digest.${setting.userId}.${today.getTime()}@tls-onboarding-portal>`,
        headers: {},
      });
      sent++;
    } catch (error) {
      await db.notificationSetting.updateMany({
        where: { userId: setting.userId, lastDigestAt: now },
        data: { lastDigestAt: setting.lastDigestAt },
      });
      throw error;
    }
  }
  return { sent };
}
