import "server-only";
import nodemailer from "nodemailer";

export type MailMessage = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
};
export type Mailer = { send: (message: MailMessage) => Promise<void>; close: () => void };

/**
 * E-mail through nodemailer's SMTP transport (docs/decisions/012-…): SMTP_URL carries host, port, TLS
 * (smtps:// or STARTTLS) and credentials. Tests point it at a real SMTP server on loopback.
 */
export function createMailer(smtpUrl: string, options: { tls?: { ca?: string[] } } = {}): Mailer {
  const transport = nodemailer.createTransport(smtpUrl, { tls: options.tls?.ca ? { ca: options.tls.ca } : undefined });
  return {
    send: async (message) => {
      await transport.sendMail({ ...message, messageId: message.messageId });
    },
    close: () => transport.close(),
  };
}
