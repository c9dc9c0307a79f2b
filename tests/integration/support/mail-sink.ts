import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

export type SunkMail = { from: string; to: string[]; raw: string; subject: string; messageId: string; eventId: string };

/**
 * A real SMTP server on loopback (the smtp-server package), on a free port: what the portal sends arrives
 * over SMTP and is kept raw, to read subjects, bodies and Message-IDs as a mail client would.
 */
export async function startMailSink(): Promise<{
  url: string;
  port: number;
  mails: SunkMail[];
  close: () => Promise<void>;
}> {
  const mails: SunkMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const header = (name: string) =>
          new RegExp(`^${name}: *(.*(?:\\r?\\n[ \\t].*)*)`, "im")
            .exec(raw)?.[1]
            ?.replace(/\r?\n[ \t]+/g, " ")
            .trim() ?? "";
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          subject: decodeSubject(header("Subject")),
          messageId: header("Message-ID"),
          eventId: header("X-Portal-Event-Id"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** RFC 2047 encoded-words (nodemailer encodes non-ASCII subjects, e.g. the "·" separator). */
export function decodeSubject(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, encoding: string, text: string) =>
    encoding.toLowerCase() === "b"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(
          text.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          "latin1",
        ).toString("utf8"),
  );
}
