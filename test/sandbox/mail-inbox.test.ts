import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';

describe('the sandbox inbox', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  const send = (to: string, subject: string) =>
    nodemailer.createTransport(sandbox.mail.smtpUrl).sendMail({ from: 'Shop <receipts@shop.example>', to, subject, text: `Text of ${subject}`, html: `<p>HTML of <b>${subject}</b></p><script>alert(1)</script>` });

  it('catches every message (none leaves the machine) and answers them as JSON, newest first', async () => {
    await send('ada@example.com', 'First');
    await send('bob@example.com, eve@example.com', 'Second');
    const { messages } = (await (await fetch(`${sandbox.mail.url}/messages`)).json()) as { messages: Array<Record<string, unknown>> };
    expect(messages.map((m) => m.subject)).toEqual(['Second', 'First']);
    expect(messages[0]).toMatchObject({ from: 'receipts@shop.example', to: ['bob@example.com', 'eve@example.com'], text: 'Text of Second', html: expect.stringContaining('<b>Second</b>') });
    expect(new Date(String(messages[0]!.at)).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const one = await fetch(`${sandbox.mail.url}/messages/${String(messages[1]!.id)}`);
    expect(((await one.json()) as { subject: string }).subject).toBe('First');
  });

  it('shows them to people on a page; a message\'s HTML runs nothing', async () => {
    const page = await fetch(`${sandbox.mail.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('Sandbox inbox');
    expect(html).toContain('First');
    const { messages } = (await (await fetch(`${sandbox.mail.url}/messages`)).json()) as { messages: Array<{ id: string }> };
    const body = await fetch(`${sandbox.mail.url}/messages/${messages[0]!.id}/html`);
    expect(body.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
  });

  it('is emptied by DELETE /messages and by a reset of the whole sandbox', async () => {
    await fetch(`${sandbox.mail.url}/messages`, { method: 'DELETE' });
    expect(((await (await fetch(`${sandbox.mail.url}/messages`)).json()) as { messages: unknown[] }).messages).toEqual([]);
    await send('ada@example.com', 'Third');
    sandbox.reset();
    expect(sandbox.mail.messages()).toEqual([]);
  });
});
