import type { AppContext } from '../platform/http/types.js';
import type { WidgetManifest } from './widget-manifest.js';
import { escapeHtml } from '../platform/text/escape-html.js';

const styles = `*{box-sizing:border-box}
body{margin:0;min-height:100vh;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f6f9;color:#1f2d3d}
main{max-width:540px;margin:0 auto;padding:32px 16px 16px}
p.e{background:#fff6e6;border:1px solid #e8a33d;border-radius:6px;padding:12px 14px}
footer{max-width:540px;margin:0 auto;padding:0 16px 32px;font-size:13px;color:#52606d;text-align:center}`;

/** Where Stripe.js, its frames and its API live; the same for PayPal. */
const realProviders = {
  script: ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://www.paypal.com', 'https://*.paypal.com', 'https://*.paypalobjects.com'],
  frame: ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com', 'https://*.paypal.com'],
  connect: ['https://api.stripe.com', 'https://*.paypal.com'],
  img: ['https://*.stripe.com', 'https://*.paypal.com', 'https://*.paypalobjects.com'],
};

/** In sandbox mode the stand-ins' origins too (a form connected with real keys still loads the real Stripe.js). */
function providerSources(sandboxUrls: AppContext['sandboxUrls']): typeof realProviders {
  if (!sandboxUrls) return realProviders;
  const standIns = [new URL(sandboxUrls.stripe).origin, new URL(sandboxUrls.paypal).origin];
  return {
    script: [...standIns, ...realProviders.script],
    frame: [...standIns, ...realProviders.frame],
    connect: [...standIns, ...realProviders.connect],
    img: [...standIns, ...realProviders.img],
  };
}

/**
 * The hosted page's CSP: no inline or eval'd script at all — only our own origin (the widget bundle) and the
 * payment providers' scripts and frames; no plugins, no <base>, and the page cannot be framed.
 */
export function hostedPageCsp(ctx: Pick<AppContext, 'config' | 'sandboxUrls'>): string {
  const self = ["'self'", new URL(ctx.config.publicUrl).origin];
  const assets = ctx.config.publicAssetUrl ? [new URL(ctx.config.publicAssetUrl).origin] : [];
  const p = providerSources(ctx.sandboxUrls);
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': [...self, ...assets, ...p.script],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', ...p.img],
    'font-src': ["'self'", 'data:'],
    'connect-src': [...self, ...p.connect],
    'frame-src': p.frame,
    'form-action': ["'self'"],
    'base-uri': ["'none'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${[...new Set(sources)].join(' ')}`)
    .join('; ');
}

function page(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>${styles}</style>${head}
</head><body>
<main>${body}</main>
<footer>Secure payment · card details are sent straight to Stripe and never reach this site</footer>
</body></html>`;
}

/** The one-page checkout: the widget in hosted mode, loaded with SRI from this server or PUBLIC_ASSET_URL. */
export function hostedPage(publicUrl: string, widget: WidgetManifest, accountId: string, formId: string, assetBase?: string): string {
  const src = `${assetBase ?? publicUrl}/widget/${widget.file}`;
  return page(
    'Payment',
    `<div data-onepagepay-form data-hosted data-account="${escapeHtml(accountId)}" data-form="${escapeHtml(formId)}" data-api="${escapeHtml(publicUrl)}/"></div>
<noscript><p class="e">This payment page needs JavaScript.</p></noscript>`,
    `\n<script src="${escapeHtml(src)}" integrity="${escapeHtml(widget.integrity)}" crossorigin="anonymous" defer></script>`,
  );
}

export function hostedErrorPage(message: string): string {
  return page('Payment', `<p class="e">${escapeHtml(message)}</p>`);
}
