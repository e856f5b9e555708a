const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => entities[c]);

/** A JSON value safe to place inside a <script> element. */
export const scriptJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

export function page(title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
 body{font-family:-apple-system,"Helvetica Neue",Arial,sans-serif;background:#f5f7fa;margin:0;color:#2c2e2f}
 main{max-width:420px;margin:24px auto;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.12);padding:24px}
 .logo{font:italic 700 28px Verdana,sans-serif}.logo b{color:#003087}.logo i{color:#009cde}
 .sandbox{display:inline-block;background:#fff4cc;color:#7a5c00;border-radius:4px;padding:2px 6px;font-size:12px;margin-left:8px;vertical-align:middle}
 .amount{font-size:28px;margin:16px 0 4px}.muted{color:#6c7378;font-size:14px}
 fieldset{border:1px solid #dde1e3;border-radius:8px;margin:16px 0;padding:8px 12px}
 label{display:block;padding:6px 0;font-size:14px;cursor:pointer}
 button{width:100%;border:0;border-radius:24px;padding:12px;font-size:16px;font-weight:600;cursor:pointer;margin-top:8px}
 .approve{background:#0070ba;color:#fff}.cancel{background:#fff;color:#0070ba;border:1px solid #0070ba}
</style></head><body><main>${body}</main>${script ? `<script>${script}</script>` : ''}</body></html>`;
}
