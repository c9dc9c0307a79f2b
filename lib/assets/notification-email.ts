import { renderEvent, type EventCode, type EventPayload, type Recipient } from "./notification-events";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export type RenderedEmail = { subject: string; text: string; html: string; url: string };

/**
 * The e-mail for one event and one side: the catalogue's subject (environment and identifier first), what
 * happened, what to do and a direct link. Built only from the payload, which never holds a secret or a
 * certificate body.
 */
export function renderEmail(code: EventCode, payload: EventPayload, side: Recipient, publicUrl: string): RenderedEmail {
  const rendered = renderEvent(code, payload, side);
  const url = `${publicUrl}${rendered.link}`;
  const text = `${rendered.text}\n\nWhat to do: ${rendered.action}\n\nOpen in the portal: ${url}\n\n-- \nTLS Onboarding Portal. Change which e-mails you get: ${publicUrl}/notifications/settings\n`;
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a">',
    `<p>${escapeHtml(rendered.text)}</p>`,
    `<p><strong>What to do:</strong> ${escapeHtml(rendered.action)}</p>`,
    `<p><a href="${escapeHtml(url)}">Open in the portal</a></p>`,
    `<p style="color:#64748b;font-size:12px">TLS Onboarding Portal · <a href="${escapeHtml(publicUrl)}/notifications/settings">e-mail settings</a></p>`,
    "</body></html>",
  ].join("");
  return { subject: rendered.subject, text, html, url };
}

/** A daily digest: one line per event, oldest first. */
export function renderDigest(
  items: { code: EventCode; payload: EventPayload; side: Recipient }[],
  publicUrl: string,
  day: string,
): RenderedEmail {
  const lines = items.map((item) => ({ ...renderEvent(item.code, item.payload, item.side) }));
  const url = `${publicUrl}/notifications`;
  const text = `${lines.length} notification(s) on ${day}:\n\n${lines.map((l) => `- ${l.subject}\n  ${l.action}\n  ${publicUrl}${l.link}`).join("\n")}\n\nInbox: ${url}\n`;
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif"><p>${lines.length} notification(s) on ${escapeHtml(day)}:</p><ul>${lines
    .map(
      (l) =>
        `<li><a href="${escapeHtml(publicUrl + l.link)}">${escapeHtml(l.subject)}</a><br>${escapeHtml(l.action)}</li>`,
    )
    .join("")}</ul><p><a href="${escapeHtml(url)}">Open the inbox</a></p></body></html>`;
  return { subject: `TLS Onboarding Portal · daily digest ${day} (${lines.length})`, text, html, url };
}
