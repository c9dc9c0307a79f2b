import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { approveVersion } from "@/lib/server/assets/approve-version";
import { rejectVersion } from "@/lib/server/assets/reject-version";
import { listNotifications, countUnread } from "@/lib/server/notifications/list-notifications";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";
import { runDueJobs } from "@/lib/server/jobs/run-due-jobs";
import { JOBS } from "@/lib/server/jobs/job-table";
import { createMailer } from "@/lib/server/notifications/mailer";
import { watchExpiry } from "@/lib/server/notifications/watch-expiry";
import { deliverOutbox } from "@/lib/server/notifications/deliver-outbox";
import { sendDigests } from "@/lib/server/notifications/send-digests";
import { addContact } from "@/lib/server/notifications/manage-contacts";
import { createWebhook, sendTestEvent, listWebhookDeliveries } from "@/lib/server/notifications/manage-webhooks";
import { createUser } from "@/lib/server/users/create-user";
import { decideStaffGrant } from "@/lib/server/grants/decide-staff-grant";
import { publishAsset } from "@/lib/server/assets/publish-asset";
import { ensureThalesOrganization } from "@/lib/server/users/bootstrap-admin";
import { updateNotificationSettings } from "@/lib/server/notifications/update-notification-settings";
import { verifyWebhook } from "@/lib/assets/webhook-signature";
import type { JobContext } from "@/lib/server/jobs/job-context";
import type { Actor } from "@/lib/server/actor";
import { newId } from "@/lib/server/ids";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { expectAppError, makeActor, makeCustomer } from "./support/assets";
import { startMailSink } from "./support/mail-sink";
import { startHttpsReceiver } from "./support/https-receiver";

process.env.NEXTAUTH_SECRET ??= "notifications-test-secret-0123456789abcdef";
const DAY = 86_400_000;

/** The outbox end to end: events in the change's transaction, inbox, e-mail over real SMTP, signed webhooks over real HTTPS, expiry. */
describe.each(PROVIDERS)("notifications on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let reviewers: Actor[];
  let sink: Awaited<ReturnType<typeof startMailSink>>;
  let context: (now: Date) => JobContext;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    reviewers = [await makeActor(database.db, "THALES_DELIVERY"), await makeActor(database.db, "THALES_DELIVERY")];
    sink = await startMailSink();
    // As configured in production: SMTP_URL turns e-mail on; loopback webhooks allowed by CIDR.
    process.env.SMTP_URL = sink.url;
    process.env.PORTAL_OUTBOUND_ALLOW = "127.0.0.0/8";
    const mailer = createMailer(sink.url);
    context = (now) => ({
      db: database.db,
      now,
      owner: newId(),
      mailer,
      config: {
        smtpUrl: sink.url,
        mailFrom: "Portal <portal@example.test>",
        publicUrl: "https://portal.example.test",
        outboundAllow: ["127.0.0.0/8"],
      },
    });
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    delete process.env.PORTAL_OUTBOUND_ALLOW;
    await sink.close();
    await database.drop();
    pki.dispose();
  });

  async function submitCsr(
    customer: Awaited<ReturnType<typeof makeCustomer>>,
    environment: "PPR" | "PRD",
    now = new Date(),
  ) {
    const result = await uploadAsset({
      db: database.db,
      actor: customer.customer,
      connectionId: environment === "PPR" ? customer.ppr : customer.prd,
      kind: "CUSTOMER_CSR",
      content: { file: pki.d1Csr({ identifier: customer.identifier, environment }) },
      confirmWarnings: false,
      now,
    });
    if (result.status !== "stored") throw new Error(result.status);
    return result.versionId;
  }

  it("writes each event with the change, to the inbox of everyone concerned, and e-mails them once through SMTP", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const versionId = await submitCsr(customer, "PRD");
    // Thales-facing: every delivery user has it in the inbox.
    for (const reviewer of reviewers) {
      const [item] = await listNotifications({ db: database.db, actor: reviewer, filter: { topic: "review" } });
      expect(item?.subject).toContain(`[PRD] ${customer.identifier}`);
    }
    await approveVersion({ db: database.db, actor: reviewers[0]!, versionId });
    expect(
      (await listNotifications({ db: database.db, actor: reviewers[1]!, filter: { topic: "review" } }))[0]?.subject,
    ).toContain("needs a second approver");
    // A refused approval (same reviewer again) writes no event: outbox rows live and die with the change.
    const events = await database.db.outboxEvent.count();
    await expectAppError(approveVersion({ db: database.db, actor: reviewers[0]!, versionId }), "CONFLICT");
    expect(await database.db.outboxEvent.count()).toBe(events);
    await approveVersion({ db: database.db, actor: reviewers[1]!, versionId });
    const inbox = await listNotifications({ db: database.db, actor: customer.customer });
    expect(inbox.map((n) => n.type)).toEqual(["version.approved"]);
    expect(inbox[0]!.link).toBe(`/versions/${versionId}`);
    expect(await countUnread(database.db, customer.customer)).toBe(1);

    // Another user cannot mark it: not found, nothing changes.
    await expectAppError(
      markNotificationsRead({ db: database.db, actor: reviewers[0]!, notificationId: inbox[0]!.id }),
      "NOT_FOUND",
    );
    await markNotificationsRead({ db: database.db, actor: customer.customer, notificationId: inbox[0]!.id });
    expect(await countUnread(database.db, customer.customer)).toBe(0);

    sink.mails.length = 0;
    const runs = await runDueJobs(context(new Date()), JOBS);
    expect(runs.find((r) => r.name === "deliver-outbox")?.status).toBe("ran");
    const toCustomer = sink.mails.filter((m) => m.to.includes(customer.customer.email));
    expect(toCustomer.map((m) => m.subject)).toEqual([
      `[PRD] ${customer.identifier} · Client certificate request (CSR) v1 approved`,
    ]);
    expect(toCustomer[0]!.raw).toContain(`https://portal.example.test/versions/${versionId}`);
    expect(toCustomer[0]!.raw).toMatch(/Content-Type: text\/html/i);
    expect(toCustomer[0]!.raw).toMatch(/Content-Type: text\/plain/i);
    for (const mail of sink.mails)
      expect(mail.raw).not.toMatch(/BEGIN (CERTIFICATE|CERTIFICATE REQUEST|.*PRIVATE KEY)/);
    // Running again sends nothing more: every delivery was claimed and marked once.
    const count = sink.mails.length;
    await deliverOutbox(context(new Date(Date.now() + 60_000)));
    expect(sink.mails.length).toBe(count);
  });

  it("reaches contacts by topic, respects a user's e-mail choice, and never silences PRD expiry", async () => {
    const customer = await makeCustomer(database.db, "d1");
    await addContact({
      db: database.db,
      actor: customer.customer,
      email: "SecOps@Example.test",
      topics: ["decisions"],
    });
    await updateNotificationSettings({
      db: database.db,
      actor: customer.customer,
      emailOffTopics: ["decisions", "expiry"],
      digest: false,
    });
    const versionId = await submitCsr(customer, "PPR");
    await rejectVersion({ db: database.db, actor: reviewers[0]!, versionId, reason: "Wrong O= in the subject" });
    const rejected = await database.db.outboxEvent.findFirstOrThrow({
      where: { type: "version.rejected", organizationId: customer.organizationId },
      select: { deliveries: { select: { target: true } } },
    });
    expect(rejected.deliveries.map((d) => d.target)).toEqual(["secops@example.test"]);
    expect((await listNotifications({ db: database.db, actor: customer.customer }))[0]?.text).toContain(
      "Wrong O= in the subject",
    );
  });

  it("daily digest: no e-mail per event for a digest user, one digest a day with what reached the inbox", async () => {
    const customer = await makeCustomer(database.db, "d1");
    await updateNotificationSettings({ db: database.db, actor: customer.customer, emailOffTopics: [], digest: true });
    const t0 = new Date();
    const versionId = await submitCsr(customer, "PPR", t0);
    await rejectVersion({ db: database.db, actor: reviewers[0]!, versionId, reason: "Digest me", now: t0 });
    expect(await database.db.delivery.count({ where: { target: customer.customer.email } })).toBe(0);
    sink.mails.length = 0;
    const later = new Date(t0.getTime() + 60_000);
    await sendDigests(context(later));
    const digests = sink.mails.filter((m) => m.to.includes(customer.customer.email));
    expect(digests.map((m) => m.subject)).toEqual([
      `TLS Onboarding Portal · daily digest ${later.toISOString().slice(0, 10)} (1)`,
    ]);
    expect(digests[0]!.raw).toContain("rejected");
    await sendDigests(context(new Date(later.getTime() + 60_000)));
    expect(sink.mails.filter((m) => m.to.includes(customer.customer.email)).length).toBe(1);
  });

  it("expiry: a certificate in force expiring in 20 days yields the 30-day notice only, once; later the 14-day one", async () => {
    const customer = await makeCustomer(database.db, "d1");
    const now = new Date("2027-03-01T08:00:00Z");
    const notAfter = new Date(now.getTime() + 20 * DAY);
    const asset = await database.db.asset.create({
      data: {
        id: newId(),
        connectionId: customer.prd,
        organizationId: customer.organizationId,
        kind: "ISSUED_TLS_CLIENT_CERTIFICATE",
        direction: "THALES_TO_CUSTOMER",
      },
    });
    const versionId = newId();
    await database.db.assetVersion.create({
      data: {
        id: versionId,
        assetId: asset.id,
        organizationId: customer.organizationId,
        seq: 1,
        state: "ACKNOWLEDGED",
        sha256: "ab".repeat(32),
        findings: "[]",
        uploadedById: reviewers[0]!.id,
        notAfter,
        report: JSON.stringify({
          verdict: "accepted",
          found: "1 certificate",
          certificates: [
            {
              subject: "CN=TLSMA-ECDSA/X/D1.PRD",
              issuer: "CN=Thales",
              serialNumber: "01",
              notBefore: now.toISOString(),
              notAfter: notAfter.toISOString(),
              sha256: "ab".repeat(32),
              role: "leaf",
              details: {},
            },
          ],
        }),
      },
    });
    await database.db.asset.update({ where: { id: asset.id }, data: { currentVersionId: versionId } });
    await updateNotificationSettings({
      db: database.db,
      actor: customer.customer,
      emailOffTopics: ["expiry"],
      digest: true,
    });
    const first = await watchExpiry(context(now));
    expect(first.emitted).toBe(1);
    const again = await watchExpiry(context(new Date(now.getTime() + 3_600_000)));
    expect(again).toMatchObject({ emitted: 0, alreadySent: 1 });
    const notices = await database.db.outboxEvent.findMany({
      where: { type: "certificate.expiring", organizationId: customer.organizationId },
      select: { dedupeKey: true, deliveries: { select: { target: true, side: true } } },
    });
    expect(notices.map((n) => n.dedupeKey)).toEqual([`expiry:${versionId}:${"ab".repeat(32)}:30`]);
    // PRD expiry is e-mailed although the user turned expiry e-mails off and chose the digest; Thales gets it too.
    expect(notices[0]!.deliveries.map((d) => d.target)).toContain(customer.customer.email);
    expect(notices[0]!.deliveries.filter((d) => d.side === "THALES").length).toBeGreaterThanOrEqual(reviewers.length);
    const [notice] = await listNotifications({
      db: database.db,
      actor: customer.customer,
      filter: { topic: "expiry" },
    });
    expect(notice?.subject).toBe(`[PRD] ${customer.identifier} · Issued client certificate expires in 30 days`);
    expect(notice?.link).toBe(`/connections/${customer.prd}/upload/CUSTOMER_CSR`);
    expect((await watchExpiry(context(new Date(now.getTime() + 11 * DAY)))).emitted).toBe(1);
    expect(
      await database.db.outboxEvent.count({
        where: { type: "certificate.expiring", organizationId: customer.organizationId },
      }),
    ).toBe(2);
  });

  it("signs webhooks over HTTPS, retries after a 500 with backoff, and refuses loopback unless allowed", async () => {
    const receiver = await startHttpsReceiver((n) => (n === 1 ? 500 : 200));
    try {
      const customer = await makeCustomer(database.db, "d1");
      const { secret, id: webhookId } = await createWebhook({
        db: database.db,
        actor: customer.customer,
        url: receiver.url,
        events: ["version.rejected"],
      });
      const versionId = await submitCsr(customer, "PPR");
      await rejectVersion({ db: database.db, actor: reviewers[0]!, versionId, reason: "Key too small" });
      const ctx = (now: Date) => ({ ...context(now), outboundCa: [receiver.cert], mailer: undefined });
      const t0 = new Date();
      await deliverOutbox(ctx(t0));
      expect(receiver.received.map((r) => r.status)).toEqual([500]);
      await deliverOutbox(ctx(new Date(t0.getTime() + 30_000)));
      expect(receiver.received.length).toBe(1); // backoff: not yet due
      await deliverOutbox(ctx(new Date(t0.getTime() + 61_000)));
      expect(receiver.received.map((r) => r.status)).toEqual([500, 200]);
      const [a, b] = receiver.received;
      expect(a!.eventId).toBe(b!.eventId);
      expect(verifyWebhook(secret, b!.signature, b!.body, Math.floor(Date.now() / 1000))).toBe(true);
      expect(verifyWebhook("whsec_wrong", b!.signature, b!.body, Math.floor(Date.now() / 1000))).toBe(false);
      expect(JSON.parse(b!.body)).toMatchObject({
        id: b!.eventId,
        type: "version.rejected",
        data: { reason: "Key too small", environment: "PPR" },
      });
      const log = await listWebhookDeliveries({ db: database.db, actor: customer.customer, webhookId });
      expect(log[0]).toMatchObject({ eventType: "version.rejected", state: "SENT", attempts: 2, lastStatus: 200 });

      // Same receiver, loopback not allowed: refused after DNS, nothing sent.
      await sendTestEvent({ db: database.db, actor: customer.customer, webhookId });
      const strict = (now: Date) => ({ ...ctx(now), config: { ...ctx(now).config, outboundAllow: [] } });
      await deliverOutbox(strict(new Date(t0.getTime() + 120_000)));
      expect(receiver.received.length).toBe(2);
      const refused = (await listWebhookDeliveries({ db: database.db, actor: customer.customer, webhookId }))[0]!;
      expect(refused).toMatchObject({ eventType: "webhook.test", state: "PENDING" });
      expect(refused.lastError).toMatch(/loopback/);
      await expect(
        createWebhook({
          db: database.db,
          actor: customer.customer,
          url: "http://example.test/hook",
          events: ["version.rejected"],
        }),
      ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    } finally {
      await receiver.close();
    }
  });

  it("disables a webhook after repeated failures and tells the organization by e-mail", async () => {
    const receiver = await startHttpsReceiver(() => 500);
    try {
      const customer = await makeCustomer(database.db, "d1");
      const { id: webhookId } = await createWebhook({
        db: database.db,
        actor: customer.customer,
        url: receiver.url,
        events: ["version.rejected"],
      });
      // Nine failures already behind it (the tenth is the one below): the counter is what the job keeps.
      await database.db.webhook.update({ where: { id: webhookId }, data: { consecutiveFailures: 9 } });
      const versionId = await submitCsr(customer, "PPR");
      await rejectVersion({ db: database.db, actor: reviewers[0]!, versionId, reason: "Failing hook" });
      await deliverOutbox({ ...context(new Date()), outboundCa: [receiver.cert] });
      expect(receiver.received.map((r) => r.status)).toEqual([500]);
      expect(await database.db.webhook.findUniqueOrThrow({ where: { id: webhookId } })).toMatchObject({
        enabled: false,
        consecutiveFailures: 10,
      });
      const disabled = await database.db.outboxEvent.findFirstOrThrow({
        where: { type: "webhook.disabled", organizationId: customer.organizationId },
        select: { deliveries: { select: { channel: true, target: true } } },
      });
      expect(disabled.deliveries).toEqual([{ channel: "EMAIL", target: customer.customer.email }]);
      sink.mails.length = 0;
      await deliverOutbox(context(new Date(Date.now() + 120_000)));
      expect(sink.mails.find((m) => m.to.includes(customer.customer.email))?.subject).toBe(
        "Webhook disabled after repeated failures",
      );
      expect(receiver.received.length).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  it("second approvals: a staff-role grant and a Production publication notify, with the request, the staff who may decide them, never the requester nor an account they created", async () => {
    const db = database.db;
    const thales = await ensureThalesOrganization(db);
    const asker = await makeActor(db, "ADMIN");
    const other = await makeActor(db, "ADMIN");
    // An admin the asker created (approved by the other): the separation rules bar it from deciding the asker's requests.
    const puppet = await createUser({
      db,
      actor: asker,
      input: {
        email: `puppet-${newId().slice(0, 6)}@thales.test`,
        name: "Puppet",
        role: "ADMIN",
        organizationId: thales,
      },
    });
    await decideStaffGrant({
      db,
      actor: other,
      grantId: (await db.staffGrant.findFirstOrThrow({ where: { userId: puppet.user.id } })).id,
      decision: "APPROVE",
    });
    const recipients = async (eventId: string) =>
      (await db.notification.findMany({ where: { eventId }, select: { userId: true } })).map((n) => n.userId).sort();
    const activeStaff = async (roles: string[]) =>
      (await db.user.findMany({ where: { role: { in: roles }, disabled: false }, select: { id: true } }))
        .map((u) => u.id)
        .filter((id) => id !== asker.id && id !== puppet.user.id)
        .sort();

    // Staff-role grant: a refused request writes no event; an accepted one writes it with the grant.
    const email = `new-delivery-${newId().slice(0, 6)}@thales.test`;
    await createUser({
      db,
      actor: asker,
      input: { email, name: "New", role: "THALES_DELIVERY", organizationId: thales },
    });
    const events = await db.outboxEvent.count();
    await expectAppError(
      createUser({
        db,
        actor: asker,
        input: { email, name: "Twice", role: "THALES_DELIVERY", organizationId: thales },
      }),
      "CONFLICT",
    );
    expect(await db.outboxEvent.count()).toBe(events);
    const grant = await db.outboxEvent.findFirstOrThrow({
      where: { type: "staff_grant.awaiting_approval", payload: { contains: email } },
      select: { id: true },
    });
    expect(await recipients(grant.id)).toEqual(await activeStaff(["ADMIN"]));
    const [grantNotice] = await listNotifications({ db, actor: other, filter: { topic: "approvals" } });
    expect(grantNotice).toMatchObject({
      type: "staff_grant.awaiting_approval",
      subject: `Role grant for ${email} awaits approval`,
      link: "/admin/users#staff-grants",
    });
    expect(grantNotice!.text).toContain(`${asker.email} asks to grant the`);

    // Production publication: everyone with asset:publish (delivery and admins) but the requester and their puppet.
    const customer = await makeCustomer(db, "d1", { admin: other });
    const published = await publishAsset({
      db,
      actor: asker,
      kind: "THALES_CLIENT_CA",
      connectionIds: [customer.prd],
      content: { file: pki.caCertificate("notify-g2") },
    });
    if (!published.ok || published.state !== "PENDING") throw new Error("expected a pending request");
    const publication = await db.outboxEvent.findFirstOrThrow({
      where: { type: "publication.awaiting_approval", payload: { contains: published.requestId } },
      select: { id: true },
    });
    expect(await recipients(publication.id)).toEqual(await activeStaff(["ADMIN", "THALES_DELIVERY"]));
    for (const reader of [other, reviewers[0]!]) {
      const [notice] = await listNotifications({ db, actor: reader, filter: { topic: "approvals" } });
      expect(notice).toMatchObject({
        type: "publication.awaiting_approval",
        link: `/publish/requests/${published.requestId}`,
      });
      expect(notice!.subject).toBe(
        `[PRD] ${customer.identifier} · Thales client CA publication awaits a second approval`,
      );
    }
    for (const barred of [asker.id, puppet.user.id]) {
      expect(
        await db.notification.count({ where: { userId: barred, eventId: { in: [grant.id, publication.id] } } }),
      ).toBe(0);
    }

    // By e-mail through SMTP to exactly those people, with the direct link (quoted-printable soft breaks undone).
    sink.mails.length = 0;
    await deliverOutbox(context(new Date(Date.now() + 60_000)));
    for (const [eventId, link] of [
      [grant.id, "/admin/users#staff-grants"],
      [publication.id, `/publish/requests/${published.requestId}`],
    ] as const) {
      const emails = (
        await db.user.findMany({ where: { id: { in: await recipients(eventId) } }, select: { email: true } })
      )
        .map((u) => u.email)
        .sort();
      const mails = sink.mails.filter((m) => m.eventId === eventId);
      expect(mails.flatMap((m) => m.to).sort()).toEqual(emails);
      for (const mail of mails) expect(mail.raw.replace(/=\r?\n/g, "")).toContain(`https://portal.example.test${link}`);
    }
  });
});
