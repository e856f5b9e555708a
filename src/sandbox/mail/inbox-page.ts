import { escapeHtml } from '../../platform/text/escape-html.js';

/** A message the sandbox caught, as `GET {mail}/messages` answers it. */
export interface CaughtMessage {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  /** ISO time it arrived. */
  at: string;
}

/** The sandbox inbox for people: every caught message, newest first, each shown in a frame with nothing active. */
export function inboxPage(messages: CaughtMessage[]): string {
  const list = messages.length
    ? messages
        .map(
          (m) => `<article>
<h2>${escapeHtml(m.subject || '(no subject)')}</h2>
<p class="meta">To ${escapeHtml(m.to.join(', '))} · from ${escapeHtml(m.from)} · <time datetime="${escapeHtml(m.at)}">${escapeHtml(m.at.replace('T', ' ').slice(0, 19))} UTC</time></p>
<iframe title="${escapeHtml(m.subject || 'Message')}" src="messages/${encodeURIComponent(m.id)}/html" sandbox></iframe>
</article>`,
        )
        .join('\n')
    : '<p>No mail yet. Receipts the sandbox sends to buyers appear here.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox inbox</title>
<style>
body{margin:0;padding:24px;font:15px/1.5 system-ui,sans-serif;background:#f4f5f7;color:#1a1f36}
main{max-width:760px;margin:0 auto}h1{font-size:22px;margin:0 0 4px}.lead{color:#4f566b;margin:0 0 20px}
article{background:#fff;border-radius:8px;padding:16px;margin-bottom:16px}h2{font-size:17px;margin:0}.meta{color:#4f566b;font-size:13px;margin:4px 0 12px}
iframe{width:100%;height:420px;border:1px solid #e5e7eb;border-radius:6px;background:#fff}
</style></head>
<body><main>
<h1>Sandbox inbox</h1>
<p class="lead">Every email the sandbox sends is caught here; none leaves this machine. Newest first (the last 500). Scripts: <code>GET messages</code>.</p>
${list}
</main></body></html>`;
}
