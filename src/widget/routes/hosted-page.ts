import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { App, AppContext } from '../../platform/http/types.js';
import { hostedErrorPage, hostedPage, hostedPageCsp } from '../hosted-page-html.js';
import type { WidgetAssets } from '../widget-assets.js';

const accountIdPattern = /^[0-9a-f]{32}$/;
const formIdPattern = /^form_[0-9A-Za-z]{24}$/;

/**
 * GET /pay/{accountId}/{formId} — the hosted one-page checkout for payment links: the widget in
 * standalone mode under a strict CSP of its own, no HubSpot script. Whether the form exists and can take
 * a payment is the widget's first call (the form config), which shows the answer.
 */
export function registerHostedPageRoute(app: App, ctx: AppContext, assets: WidgetAssets) {
  const csp = hostedPageCsp(ctx);
  const send = (reply: FastifyReply, status: number, html: string) =>
    reply
      .code(status)
      .header('content-security-policy', csp)
      // PayPal's approval window is a popup that reports back to this page.
      .header('cross-origin-opener-policy', 'same-origin-allow-popups')
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(html);

  app.get(
    '/pay/:accountId/:formId',
    { config: { access: 'public' }, schema: { hide: true, params: Type.Object({ accountId: Type.String({ maxLength: 64 }), formId: Type.String({ maxLength: 64 }) }) } },
    async (request, reply) => {
      const { accountId, formId } = request.params;
      if (!accountIdPattern.test(accountId) || !formIdPattern.test(formId)) {
        return send(reply, 404, hostedErrorPage('This payment link is not valid. Check the address, or ask the seller for a new link.'));
      }
      const widget = await assets.current();
      if (!widget) return send(reply, 503, hostedErrorPage('Payments are unavailable on this server right now: its payment page is not built.'));
      return send(reply, 200, hostedPage(ctx.config.publicUrl, widget.manifest, accountId, formId, ctx.config.publicAssetUrl));
    },
  );
}
