import type { FastifyInstance } from 'fastify';
import { scopeOf } from './auth.js';
import type { Scope, StripeEnv } from './env.js';
import { invalidRequest, resourceMissing } from './errors.js';
import { render, renderList } from './expand.js';
import { createdFilter, listPage } from './list.js';
import type { Invoice } from './objects.js';
import { allowOnly, expandList, readParams, str } from './params.js';
import { confirmPaymentIntent } from './confirm.js';

function find(scope: Scope, id: string): Invoice {
  const invoice = scope.data.invoices.get(id);
  if (!invoice) throw resourceMissing('invoice', id, 'invoice');
  return invoice;
}

/** Invoices as subscriptions produce them: retrieve, list, pay (with a payment method), void. */
export function registerInvoiceRoutes(app: FastifyInstance, env: StripeEnv) {
  app.get('/v1/invoices', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['customer', 'subscription', 'status', 'collection_method', 'created', 'due_date', 'limit', 'starting_after', 'ending_before', 'expand']);
    const customer = str(params, 'customer');
    const subscription = str(params, 'subscription');
    const status = str(params, 'status');
    const inCreated = createdFilter(params);
    const items = [...scope.data.invoices.values()].filter(
      (i) =>
        (!customer || i.customer === customer) &&
        (!subscription || i.parent?.subscription_details.subscription === subscription) &&
        (!status || i.status === status) &&
        inCreated(i.created),
    );
    return renderList(scope, listPage(items, params, '/v1/invoices'), expandList(params));
  });

  app.get<{ Params: { id: string } }>('/v1/invoices/:id', async (req) => {
    const scope = scopeOf(req);
    return render(scope, find(scope, req.params.id), expandList(readParams(req)));
  });

  app.post<{ Params: { id: string } }>('/v1/invoices/:id/pay', async (req) => {
    const scope = scopeOf(req);
    const invoice = find(scope, req.params.id);
    const params = readParams(req);
    allowOnly(params, ['payment_method', 'off_session', 'expand', 'forgive', 'paid_out_of_band', 'source', 'mandate']);
    if (invoice.status !== 'open') throw invalidRequest(`Invoice is already ${invoice.status}`, { code: 'invoice_not_open' });
    const piId = scope.data.invoicePaymentIntent.get(invoice.id);
    const pi = piId ? scope.data.paymentIntents.get(piId) : undefined;
    const sub = invoice.parent ? scope.data.subscriptions.get(invoice.parent.subscription_details.subscription) : undefined;
    const pm = str(params, 'payment_method') ?? sub?.default_payment_method ?? scope.data.customers.get(invoice.customer)?.invoice_settings.default_payment_method ?? undefined;
    if (!pi) throw invalidRequest('This invoice has nothing to pay.', { code: 'invoice_not_open' });
    if (!pm) throw invalidRequest('This customer has no attached payment source or default payment method.', { code: 'invoice_no_customer_line_items' });
    confirmPaymentIntent(env, scope, pi, { payment_method: pm, off_session: params.off_session ?? 'true' }, false);
    return render(scope, invoice, expandList(params));
  });

  app.post<{ Params: { id: string } }>('/v1/invoices/:id/void', async (req) => {
    const scope = scopeOf(req);
    const invoice = find(scope, req.params.id);
    if (invoice.status !== 'open') throw invalidRequest(`You can only pass in open invoices. This invoice is ${invoice.status}.`, { code: 'invoice_not_open' });
    invoice.status = 'void';
    invoice.status_transitions.voided_at = env.clock.nowSeconds();
    env.emit(scope, 'invoice.voided', invoice);
    return render(scope, invoice, expandList(readParams(req)));
  });
}
