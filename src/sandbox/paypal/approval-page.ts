import type { FastifyInstance } from 'fastify';
import type { PayPalDeps } from './context.js';
import { approveOrder, cancelOrder } from './approval.js';
import { PayPalError } from './errors.js';
import { escapeHtml, page, scriptJson } from './html.js';
import { formatValue } from './money.js';
import type { Order } from './store.js';
import { testBuyers } from './test-buyers.js';

const logo = '<div class="logo"><b>Pay</b><i>Pal</i><span class="sandbox">Sandbox</span></div>';

function approvalPage(deps: PayPalDeps, order: Order, sdk: boolean): string {
  const app = deps.store.apps.get(order.clientId);
  const merchant = order.brandName ?? app?.name ?? 'Merchant';
  const unit = order.units[0];
  const total = order.units.reduce((s, u) => s + u.amountMinor, 0);
  const buyers = testBuyers
    .map((b, i) => `<label><input type="radio" name="buyer" value="${b.key}"${i === 0 ? ' checked' : ''}> ${escapeHtml(b.email)}<br><span class="muted">${escapeHtml(b.label)}</span></label>`)
    .join('');
  return page(
    'Log in to your PayPal account',
    `${logo}
<p class="muted">Pay ${escapeHtml(merchant)}</p>
<div class="amount" data-testid="amount">${escapeHtml(formatValue(total, unit.currency))} ${escapeHtml(unit.currency)}</div>
<p class="muted">${escapeHtml(unit.description ?? `Order ${order.id}`)}</p>
<form method="post" action="/checkoutnow/decision">
 <input type="hidden" name="token" value="${escapeHtml(order.id)}">
 ${sdk ? '<input type="hidden" name="sdk" value="1">' : ''}
 <fieldset><legend class="muted">Sandbox buyer (stands in for the PayPal login)</legend>${buyers}</fieldset>
 <button class="approve" type="submit" name="decision" value="approve">Approve</button>
 <button class="cancel" type="submit" name="decision" value="cancel">Cancel and return to ${escapeHtml(merchant)}</button>
</form>`,
  );
}

/** The page after a decision in the JS SDK's window: tells the opener (popup) or parent (modal) and closes. */
function sdkResultPage(message: Record<string, unknown>): string {
  const script = `(function(){var m=${scriptJson({ source: 'paypal-sandbox', ...message })};
var t=window.opener||(window.parent!==window?window.parent:null);if(t){t.postMessage(m,'*');}
if(window.opener){setTimeout(function(){window.close();},50);}})();`;
  return page('PayPal', `${logo}<p>${message.event === 'approve' ? 'Payment approved. Returning to the merchant…' : 'Cancelled. Returning to the merchant…'}</p>`, script);
}

function withQuery(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

/**
 * The buyer's side of PayPal: `GET /checkoutnow?token={orderId}` (the order's `approve` /
 * `payer-action` link) and the form it posts. Approve redirects to the order's `return_url`
 * with `token` and `PayerID`; Cancel to its `cancel_url`; in the JS SDK's window they post a
 * message instead.
 */
export function registerApprovalPage(app: FastifyInstance, deps: PayPalDeps) {
  app.get<{ Querystring: { token?: string; sdk?: string } }>('/checkoutnow', async (req, reply) => {
    const order = req.query.token ? deps.store.orders.get(req.query.token) : undefined;
    reply.type('text/html; charset=utf-8');
    if (!order) return reply.code(404).send(page('PayPal', `${logo}<p>This payment is no longer available.</p>`));
    if (order.status === 'COMPLETED') return reply.send(page('PayPal', `${logo}<p>This order has already been paid.</p>`));
    return reply.send(approvalPage(deps, order, req.query.sdk === '1'));
  });

  app.post('/checkoutnow/decision', async (req, reply) => {
    const body = (req.body ?? {}) as { token?: string; buyer?: string; decision?: string; sdk?: string };
    const order = body.token ? deps.store.orders.get(body.token) : undefined;
    reply.type('text/html; charset=utf-8');
    if (!order) return reply.code(404).send(page('PayPal', `${logo}<p>This payment is no longer available.</p>`));
    const sdk = body.sdk === '1';
    if (body.decision === 'approve') {
      try {
        approveOrder(deps, order, body.buyer);
      } catch (err) {
        if (!(err instanceof PayPalError)) throw err;
        return reply.code(err.statusCode).send(page('PayPal', `${logo}<p>${escapeHtml(err.message)}</p>`));
      }
      const payerID = order.buyer!.payerId;
      if (sdk) return reply.send(sdkResultPage({ event: 'approve', orderID: order.id, payerID }));
      if (order.returnUrl) return reply.redirect(withQuery(order.returnUrl, { token: order.id, PayerID: payerID }), 302);
      return reply.send(page('PayPal', `${logo}<p>Payment approved. You can close this window.</p>`));
    }
    cancelOrder(deps, order);
    if (sdk) return reply.send(sdkResultPage({ event: 'cancel', orderID: order.id }));
    if (order.cancelUrl) return reply.redirect(withQuery(order.cancelUrl, { token: order.id }), 302);
    return reply.send(page('PayPal', `${logo}<p>Payment cancelled. You can close this window.</p>`));
  });
}
