import "server-only";

export type NotificationConfig = {
  /** SMTP transport URL (smtp://user:pass@host:587, smtps://…); undefined = e-mail off, inbox only. */
  smtpUrl?: string;
  mailFrom: string;
  /** Base of the links in e-mails and webhooks. */
  publicUrl: string;
  /** CIDRs outbound webhooks may reach although private, loopback or link-local. */
  outboundAllow: string[];
};

/** Read once per use from the environment (the edges and jobs call it; the pure core never does). */
export function notificationConfig(env: NodeJS.ProcessEnv = process.env): NotificationConfig {
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  return {
    smtpUrl,
    mailFrom: env.PORTAL_MAIL_FROM?.trim() || "TLS Onboarding Portal <no-reply@localhost>",
    publicUrl: (env.PORTAL_PUBLIC_URL?.trim() || env.NEXTAUTH_URL?.trim() || "http://localhost:3000").replace(
      /\/+$/,
      "",
    ),
    outboundAllow: (env.PORTAL_OUTBOUND_ALLOW ?? "").split(/[\s,]+/).filter(Boolean),
  };
}

export function emailEnabled(config: NotificationConfig = notificationConfig()): boolean {
  return Boolean(config.smtpUrl);
}
