import type { FastifyInstance } from 'fastify';
import { escapeHtml, originOf } from './html.js';
import { createForm } from './forms.js';
import type { HubSpotStore } from './store.js';

export interface DemoQuery {
  portalId?: string;
  formId?: string;
  /** URL of the OnePagePay widget script to add to the page. */
  widget?: string;
  account?: string;
  form?: string;
  title?: string;
}

/** The portal and form the demo page uses when none are named: created once, again after a reset. */
interface DemoCache { portalId?: number; formId?: string; accessToken?: string }

function demoForm(store: HubSpotStore, cache: DemoCache) {
  const portal = cache.portalId !== undefined ? store.portals.get(cache.portalId) : undefined;
  if (portal && cache.formId && portal.forms.has(cache.formId) && cache.accessToken && store.tokens.has(cache.accessToken)) {
    return { portalId: portal.portalId, formId: cache.formId, accessToken: cache.accessToken };
  }
  const created = store.createPortal({ name: 'OnePagePay demo shop' });
  cache.accessToken = store.issuePrivateAppToken(created).token;
  const form = createForm(store, created, {
    name: 'Order the OnePagePay T-shirt',
    fields: [{ name: 'onepagepay_payment_id', hidden: true }],
    submitText: 'Continue',
    inlineMessage: 'Thanks! Your order is on its way.',
  });
  cache.portalId = created.portalId;
  cache.formId = form.guid;
  return { portalId: created.portalId, formId: form.guid, accessToken: cache.accessToken };
}

/** A JSON string literal safe inside an inline <script>. */
const scriptString = (value: string) => JSON.stringify(value).replace(/</g, '\\u003c');

function httpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

const styles = `
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.6 "Lexend Deca", system-ui, sans-serif; color: #33475b; background: #fff; }
  header { display: flex; justify-content: space-between; align-items: center; padding: 16px 40px; border-bottom: 1px solid #eaf0f6; }
  .logo { font-weight: 700; font-size: 20px; color: #2d3e50; } .logo span { color: #ff7a59; }
  nav a { color: #516f90; text-decoration: none; margin-left: 24px; font-size: 14px; }
  main { display: grid; grid-template-columns: 1.2fr 1fr; gap: 48px; max-width: 1080px; margin: 48px auto; padding: 0 40px; }
  .hero h1 { font-size: 40px; line-height: 1.2; margin: 0 0 16px; color: #2d3e50; }
  .price { font-size: 28px; color: #ff7a59; font-weight: 700; margin: 8px 0 24px; }
  .product { height: 260px; border-radius: 12px; background: linear-gradient(135deg, #00a4bd 0%, #7fd1de 50%, #ffbcac 100%);
    display: flex; align-items: center; justify-content: center; color: #fff; font-size: 80px; margin-bottom: 24px; }
  .hero ul { padding-left: 20px; color: #516f90; }
  .card { border: 1px solid #cbd6e2; border-radius: 8px; padding: 32px; box-shadow: 0 4px 16px rgba(45, 62, 80, .08); align-self: start; }
  .card h2 { margin-top: 0; font-size: 22px; color: #2d3e50; }
  footer { text-align: center; color: #7c98b6; font-size: 13px; padding: 32px; border-top: 1px solid #eaf0f6; }
  details { max-width: 1080px; margin: 0 auto 32px; padding: 0 40px; font-size: 13px; color: #7c98b6; }
  pre { background: #f5f8fa; padding: 12px; border-radius: 4px; overflow: auto; max-height: 200px; }
  @media (max-width: 800px) { main { grid-template-columns: 1fr; } }
`;

function page(origin: string, q: DemoQuery, ids: { portalId: string; formId: string }): string {
  const widget = httpUrl(q.widget);
  const widgetTag = widget
    ? `<script src="${escapeHtml(widget)}"${q.account ? ` data-account="${escapeHtml(q.account)}"` : ''}${q.form ? ` data-form="${escapeHtml(q.form)}"` : ''} async></script>`
    : '';
  const title = q.title ?? 'OnePagePay T-shirt';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — OnePagePay demo shop</title>
<style>${styles}</style>
</head><body>
<header><div class="logo">Demo<span>Shop</span></div><nav><a href="#">Shop</a><a href="#">About</a><a href="#">Contact</a></nav></header>
<main>
  <section class="hero">
    <div class="product" aria-hidden="true"><svg width="140" height="120" viewBox="0 0 140 120"><path d="M45 8 L20 18 L4 44 L24 56 L32 44 L32 114 L108 114 L108 44 L116 56 L136 44 L120 18 L95 8 C90 22 50 22 45 8 Z" fill="#fff" fill-opacity=".92"/></svg></div>
    <h1>${escapeHtml(title)}</h1>
    <div class="price">$25.00</div>
    <p>Organic cotton, printed in the sandbox. Fill in the form to order — payment happens right here on this page.</p>
    <ul><li>Add a sticker pack ($8.00) or a tip in the same order</li><li>Pay by card or PayPal without leaving this page</li><li>Sandbox: pay with 4242 4242 4242 4242, any future date, any CVC, or with PayPal as a sandbox buyer</li></ul>
  </section>
  <section class="card">
    <h2>Order now</h2>
    <div id="hubspot-form"></div>
  </section>
</main>
<details><summary>Sandbox: HubSpot form events (portal ${escapeHtml(ids.portalId)}, form ${escapeHtml(ids.formId)})</summary><pre id="hs-events"></pre></details>
<footer>HubSpot landing page stand-in · OnePagePay sandbox</footer>
<script>
  window.addEventListener('message', function (e) {
    if (!e.data || e.data.type !== 'hsFormCallback') return;
    var log = document.getElementById('hs-events');
    log.textContent += e.data.eventName + ' ' + JSON.stringify(e.data.data) + '\\n';
  });
</script>
<script charset="utf-8" type="text/javascript" src="${escapeHtml(origin)}/forms/embed/v2.js"></script>
<script>
  hbspt.forms.create({ region: "na1", portalId: ${scriptString(ids.portalId)}, formId: ${scriptString(ids.formId)}, target: "#hubspot-form" });
</script>
${widgetTag}
</body></html>`;
}

/** `GET /demo`: a HubSpot-like landing page embedding a stand-in form, optionally with the OnePagePay widget. */
export async function registerDemoPage(app: FastifyInstance, store: HubSpotStore) {
  const cache: DemoCache = {};
  app.get('/demo', async (req, reply) => {
    const q = req.query as DemoQuery;
    const ids = q.portalId && q.formId ? { portalId: q.portalId, formId: q.formId } : demoForm(store, cache);
    return reply.type('text/html; charset=utf-8').send(page(originOf(req), q, { portalId: String(ids.portalId), formId: String(ids.formId) }));
  });

  // The demo portal, its form and a private-app token (created on first use), for scripts that wire the product to them.
  app.get('/__sandbox/hubspot/demo', async () => demoForm(store, cache));
}
