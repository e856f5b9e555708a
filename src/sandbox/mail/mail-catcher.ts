import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { inboxPage, type CaughtMessage } from './inbox-page.js';

export type { CaughtMessage };

export interface MailCatcher {
  /** The inbox's base URL (HTTP): `GET /` (the page), `GET /messages`, `GET /messages/:id`, `DELETE /messages`. */
  url: string;
  /** Where to send mail: `smtp://127.0.0.1:PORT` (no TLS, any or no login). */
  smtpUrl: string;
  messages(): CaughtMessage[];
  clear(): void;
  close(): Promise<void>;
}

/** The inbox keeps the newest messages only. */
const keep = 500;

const addresses = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value.map((v) => v.address ?? '').filter(Boolean));

/**
 * The sandbox's mail catcher: an SMTP server on loopback that accepts every message and sends none
 * on (no mail leaves the machine), and a small HTTP inbox that shows them — a page for people, JSON
 * for scripts. Messages live in memory (a restart empties the inbox).
 */
export async function startMailCatcher(options: { host?: string; smtpPort?: number; httpPort?: number } = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const caught: CaughtMessage[] = [];

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // Any login is accepted: a sandbox SMTP_URL with credentials works as a real one would.
    onAuth: (_auth, _session, callback) => callback(null, { user: 'sandbox' }),
    size: 5 * 1024 * 1024,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          caught.unshift({
            id: randomUUID(),
            from: addresses(parsed.from)[0] ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            at: (parsed.date ?? new Date()).toISOString(),
          });
          caught.length = Math.min(caught.length, keep);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.smtpPort ?? 0, host, () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const http: FastifyInstance = Fastify({ logger: false, forceCloseConnections: true });
  const find = (id: string) => caught.find((m) => m.id === id);
  http.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'").send(inboxPage(caught)));
  http.get('/messages', async () => ({ messages: caught }));
  http.get<{ Params: { id: string } }>('/messages/:id', async (req, reply) => find(req.params.id) ?? reply.code(404).send({ error: 'not_found' }));
  // A message's HTML, on its own, with nothing active allowed (it is shown in the inbox page's frame).
  http.get<{ Params: { id: string } }>('/messages/:id/html', async (req, reply) => {
    const message = find(req.params.id);
    if (!message) return reply.code(404).send({ error: 'not_found' });
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox")
      .send(message.html ?? `<pre>${message.text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] as string)}</pre>`);
  });
  http.delete('/messages', async () => {
    caught.length = 0;
    return { messages: [] };
  });
  await http.listen({ host, port: options.httpPort ?? 0 });
  const httpPort = (http.server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${httpPort}`,
    smtpUrl: `smtp://${host}:${smtpPort}`,
    messages: () => [...caught],
    clear: () => {
      caught.length = 0;
    },
    async close() {
      await http.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}
