import nodemailer, { type Transporter } from 'nodemailer';
import type { AppContext } from '../http/types.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Replies go to the merchant, not to the sending address. */
  replyTo?: string;
}

export interface Mailer {
  from: string;
  send(mail: OutgoingMail): Promise<void>;
  /**
   * Sends after the caller has answered, so the answer's timing says nothing of what is sent (a
   * registered email, an invite); a failure is logged.
   */
  sendLater(mail: OutgoingMail, log?: { error(obj: object, msg: string): void }): void;
}

const transports = new Map<string, Transporter>();

/** How this server sends email: through SMTP_URL, to the sandbox's inbox, or not at all. */
export type EmailDelivery = 'smtp' | 'sandbox_inbox' | 'off';

export function emailDeliveryOf(ctx: Pick<AppContext, 'config' | 'sandboxUrls'>): EmailDelivery {
  return ctx.config.smtpUrl ? 'smtp' : smtpUrlOf(ctx) ? 'sandbox_inbox' : 'off';
}

/** Where mail goes: SMTP_URL, else in sandbox mode the sandbox's inbox, else nowhere (email is off). */
export function smtpUrlOf(ctx: Pick<AppContext, 'config' | 'sandboxUrls'>): string | undefined {
  return ctx.config.smtpUrl ?? (ctx.config.sandbox ? ctx.sandboxUrls?.smtp : undefined);
}

/**
 * The sender: MAIL_FROM, else no-reply at PUBLIC_URL's domain (`onepagepay.invalid` for an IP or a
 * local name) — a placeholder a real mail server may refuse: set MAIL_FROM.
 */
export function mailFromOf(ctx: Pick<AppContext, 'config'>): string {
  const host = new URL(ctx.config.publicUrl).hostname;
  const domain = /^([a-z0-9-]+\.)+[a-z]{2,}$/i.test(host) ? host : 'onepagepay.invalid';
  return ctx.config.mailFrom ?? `OnePagePay <no-reply@${domain}>`;
}

/**
 * The process's mailer (nodemailer over SMTP, one pooled transport per SMTP URL), or null when email
 * is off. The message is sent as given: callers build it from data they checked.
 */
export function mailerOf(ctx: Pick<AppContext, 'config' | 'sandboxUrls'>): Mailer | null {
  const url = smtpUrlOf(ctx);
  if (!url) return null;
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(url);
    transports.set(url, transport);
  }
  const from = mailFromOf(ctx);
  const t = transport;
  const send = async (mail: OutgoingMail) => {
    await t.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, ...(mail.replyTo ? { replyTo: mail.replyTo } : {}) });
  };
  return {
    from,
    send,
    sendLater(mail, log) {
      setImmediate(() => send(mail).catch((err: unknown) => log?.error({ err, subject: mail.subject }, 'an email could not be sent')));
    },
  };
}
