import { ApiError, publicApi, type PublicApi } from './api.js';
import { CardCheckout, returnedPayment, type Outcome, type PayRequest } from './checkout.js';
import { createHost } from './host.js';
import { guardSubmit, readContact, readFields, setPaymentId, submitAnchor, submitButtons, waitForHubSpotForm } from './hubspot-form.js';
import { isEmail, renderPaymentSection, type PaymentSection } from './payment-section.js';
import { renderPayPal } from './paypal.js';
import { loadStripe, type StripeElements, type StripeInstance } from './stripe.js';
import { pickLanguage, tables, type Strings } from './strings.js';
import type { FormConfig } from './types.js';

export interface MountTarget {
  /** The embed `<script>` (kind "embed") or the `<div data-onepagepay-form>` the widget renders into. */
  anchor: Element;
  kind: 'embed' | 'standalone' | 'hosted';
  /** The OnePagePay server's URL, ending in "/". */
  apiBase: string;
  accountId: string;
  formId: string;
}

/** How long the widget waits for the HubSpot form to appear before saying it could not load. */
export const hubspotFormTimeoutMs = 20_000;

/** HubSpot forms already driven by a widget on this page (two widgets never take the same form). */
const claimed = new WeakSet<HTMLFormElement>();

export function messageFor(error: unknown, t: Strings): string {
  if (!(error instanceof ApiError)) return t.generic;
  if (error.status === 0) return t.network;
  if (error.status === 404) return t.notFound;
  if (error.status === 429) return error.retryAfterSeconds ? `${error.message} ${t.tryAgainIn(error.retryAfterSeconds)}` : error.message;
  return error.status < 500 && error.message ? error.message : t.generic;
}

function safeRedirect(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** One widget: reads the form config, then shows the payment section (or a message) and takes the payment. */
export async function mountWidget(target: MountTarget, api: PublicApi = publicApi(target.apiBase, target.accountId)): Promise<void> {
  const { language, locale } = pickLanguage([target.anchor.getAttribute('data-lang'), document.documentElement.lang, navigator.language]);
  const t = tables[language];
  const receiptLanguage = language === 'fr' || language === 'de' ? language : 'en';
  const host = createHost(language);

  /** Where a message goes before (or without) the HubSpot form: after the embed tag, or inside the div. */
  const placeAtAnchor = () => {
    if (host.element.isConnected) return;
    if (target.kind !== 'embed') target.anchor.append(host.element);
    else if (document.body?.contains(target.anchor)) target.anchor.after(host.element);
  };
  const placeAboveSubmit = (form: HTMLFormElement) => {
    const anchor = submitAnchor(form);
    if (anchor?.parentNode) anchor.parentNode.insertBefore(host.element, anchor);
    else form.append(host.element);
  };
  const fail = (text: string) => {
    host.message(text);
    placeAtAnchor();
  };

  let config: FormConfig;
  try {
    config = await api.formConfig(target.formId);
  } catch (error) {
    return fail(messageFor(error, t));
  }
  if (target.kind === 'hosted') document.title = config.name;
  const stripeProvider = config.providers.stripe;
  const unavailable = !config.available ? (config.message ?? t.unavailable) : !stripeProvider && !config.providers.paypal ? t.unavailable : null;
  // Stripe.js loads while the HubSpot form renders.
  const stripeLoad = !unavailable && stripeProvider ? loadStripe(stripeProvider.jsUrl, stripeProvider.publishableKey) : null;
  stripeLoad?.catch(() => undefined);

  let form: HTMLFormElement | null = null;
  if (target.kind === 'embed' && config.hubspot) {
    if (unavailable) fail(unavailable); // shown at once; moved into the form when it appears
    form = await waitForHubSpotForm(config.hubspot.formId, (f) => claimed.has(f), hubspotFormTimeoutMs);
    if (!form) return fail(unavailable ?? t.formMissing);
    claimed.add(form);
    placeAboveSubmit(form);
  }
  // A form that cannot take a payment must not be submitted as if it had: its submit is blocked.
  const block = (text: string) => {
    fail(text);
    if (!form) return;
    for (const button of submitButtons(form)) button.disabled = true;
    guardSubmit(form, () => host.message(text));
  };
  if (unavailable) return block(unavailable);

  let stripe: StripeInstance | null = null;
  try {
    stripe = stripeLoad ? await stripeLoad : null;
  } catch {
    return block(t.stripeLoadFailed);
  }

  let elements: StripeElements | null = null;
  let busy = false;
  let settled = false;
  const section: PaymentSection = renderPaymentSection(host, config, t, locale, {
    standalone: !form,
    hosted: target.kind === 'hosted',
    onChange: (summary) => elements?.update({ amount: Math.max(summary.total, 1) }),
    onPay: () => void pay(),
  });
  placeAtAnchor();
  // Inside a HubSpot form the page must not be left (the form is submitted once paid): cards only. The
  // hosted page and standalone forms also offer methods that leave for the provider's page and come back.
  const allowRedirects = !form;
  if (stripe) {
    elements = stripe.elements({
      mode: 'payment',
      amount: Math.max(section.summary().total, 1),
      currency: config.currency,
      locale: language,
      ...(allowRedirects ? {} : { paymentMethodTypes: ['card'] }),
    });
    elements.create('payment', { layout: 'tabs' }).mount(host.cardMount);
  }
  const checkout = stripe && elements ? new CardCheckout(api, config.formId, stripe, elements, { allowRedirects, href: () => location.href }) : null;

  const setBusy = (on: boolean) => {
    busy = on;
    section.busy(on);
    if (form) for (const button of submitButtons(form)) button.disabled = on;
  };

  /** The order and the buyer, or null after showing what is missing. */
  const payRequest = (): PayRequest | null => {
    section.error(null);
    const order = section.summary();
    if (order.problem) {
      section.problem(order.problem);
      return null;
    }
    if (!form) {
      const contact = section.contact();
      return contact && { contact, items: order.payload, language: receiptLanguage };
    }
    const contact = readContact(form);
    if (!isEmail(contact.email) || !form.checkValidity()) {
      form.reportValidity();
      section.error(t.completeForm);
      return null;
    }
    return { contact, items: order.payload, hubspotFields: readFields(form), language: receiptLanguage };
  };

  const finish = (outcome: Outcome) => {
    if (outcome.kind === 'failed') {
      // Stripe's own wording for a failed 3-D Secure challenge is technical: say what happened instead.
      if (outcome.code === 'payment_intent_authentication_failure') section.error(t.authFailed);
      else if (outcome.code === 'redirect_not_completed') section.error(outcome.message ? `${t.notCompleted} ${outcome.message}` : t.notCompleted);
      else section.error(outcome.message ?? t.failed);
      return;
    }
    settled = true;
    const payment = outcome.payment;
    if (outcome.kind === 'processing') {
      section.busy(true);
      section.status(t.notConfirmed);
      return;
    }
    host.element.dispatchEvent(new CustomEvent('onepagepay:paid', { bubbles: true, composed: true, detail: { paymentId: payment.id, amount: payment.amount, currency: payment.currency } }));
    if (form) {
      setPaymentId(form, payment.id);
      section.paid(t.paidHubSpot);
      releaseForm?.();
      return;
    }
    // Only `complete` answers with the form's messages; a payment already paid at creation uses the config's.
    const said = 'successMessage' in payment ? payment : { redirectUrl: null, successMessage: null };
    const redirect = safeRedirect(said.redirectUrl ?? config.redirectUrl);
    if (redirect) location.assign(redirect);
    else section.paid(said.successMessage ?? config.successMessage ?? t.paid);
  };

  async function pay() {
    if (busy || settled || !checkout) return;
    const request = payRequest();
    if (!request) return;
    setBusy(true);
    try {
      const outcome = await checkout.pay(request);
      setBusy(false);
      finish(outcome);
    } catch (error) {
      setBusy(false);
      section.error(messageFor(error, t));
    }
  }

  // The HubSpot form's own submit button pays; the form is submitted only once the payment succeeded.
  const releaseForm = form ? guardSubmit(form, () => void pay()) : null;

  const paypal = config.providers.paypal;
  if (paypal) {
    section.withPayPal();
    renderPayPal(host.paypalMount, paypal, config.currency, api, config.formId, {
      request: () => (busy || settled ? null : payRequest()),
      busy: setBusy,
      done: finish,
      failed: (error) => section.error(messageFor(error, t)),
    }).catch(() => host.paypalMount.remove());
  }

  // Back from a redirect-based method (hosted page, standalone form): say how the payment ended.
  const returned = checkout && allowRedirects ? returnedPayment(location.href, config.formId) : null;
  if (returned && checkout) {
    history.replaceState(history.state, '', returned.strip);
    setBusy(true);
    try {
      const outcome = await checkout.resume(returned.paymentId);
      setBusy(false);
      finish(outcome);
    } catch (error) {
      setBusy(false);
      section.error(messageFor(error, t));
    }
  }
}
