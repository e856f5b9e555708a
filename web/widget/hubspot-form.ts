import { looksLikeCardNumber } from './card-data.js';
import type { Contact } from './types.js';

/** The hidden field that carries the payment id into the HubSpot submission. */
export const paymentIdField = 'onepagepay_payment_id';

/** HubSpot renders `form#hsForm_<guid>` (newer embeds add `_<instance>`), `.hs-form-<guid>` and `data-form-id`. */
export function findHubSpotForm(guid: string, taken: (form: HTMLFormElement) => boolean): HTMLFormElement | null {
  for (const form of Array.from(document.forms)) {
    const matches = form.id === `hsForm_${guid}` || form.id.startsWith(`hsForm_${guid}_`) || form.getAttribute('data-form-id') === guid || form.classList.contains(`hs-form-${guid}`);
    if (matches && !taken(form)) return form;
  }
  return null;
}

/** How long after the page loaded without HubSpot's embed script the widget stops waiting for the form. */
const noEmbedGraceMs = 3000;

/**
 * Resolves with the HubSpot form once it is in the page: at once when it already is, else on the embed's
 * `hsFormCallback` `onFormReady` message for that form id. Resolves null after `timeoutMs`, or sooner when
 * the page has loaded and HubSpot's embed script (`window.hbspt`) is still missing (it failed to load).
 */
export function waitForHubSpotForm(guid: string, taken: (form: HTMLFormElement) => boolean, timeoutMs: number): Promise<HTMLFormElement | null> {
  return new Promise((resolve) => {
    let done = false;
    let loadedWithoutEmbedAt = 0;
    const finish = (form: HTMLFormElement | null) => {
      if (done) return;
      done = true;
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      clearInterval(poll);
      resolve(form);
    };
    const look = () => {
      const form = findHubSpotForm(guid, taken);
      if (form) return finish(form);
      if (document.readyState !== 'complete' || (window as { hbspt?: unknown }).hbspt) return;
      loadedWithoutEmbedAt ||= Date.now();
      if (Date.now() - loadedWithoutEmbedAt >= noEmbedGraceMs) finish(null);
    };
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: string; eventName?: string; id?: string } | null;
      if (event.source === window && data?.type === 'hsFormCallback' && data.eventName === 'onFormReady' && data.id === guid) look();
    };
    window.addEventListener('message', onMessage);
    const timer = setTimeout(() => finish(null), timeoutMs);
    // The message is the signal; a slow poll covers embeds that render without posting it.
    const poll = setInterval(look, 500);
    look();
  });
}

/** The submit wrapper (`.hs_submit`) or button: the payment section goes right above it. */
export function submitAnchor(form: HTMLFormElement): Element | null {
  return form.querySelector('.hs_submit, .hs-submit') ?? form.querySelector('[type=submit]');
}

export function submitButtons(form: HTMLFormElement): Array<HTMLInputElement | HTMLButtonElement> {
  return Array.from(form.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input[type=submit], button[type=submit], button:not([type])'));
}

function fieldValue(form: HTMLFormElement, name: string): string {
  const el = form.elements.namedItem(name);
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return el.value.trim();
  return '';
}

/** The buyer as the HubSpot form's own fields name them (email, firstname, lastname, phone). */
export function readContact(form: HTMLFormElement): Contact {
  const contact: Contact = { email: fieldValue(form, 'email') };
  const firstName = fieldValue(form, 'firstname');
  const lastName = fieldValue(form, 'lastname');
  const phone = fieldValue(form, 'phone') || fieldValue(form, 'mobilephone');
  if (firstName) contact.firstName = firstName;
  if (lastName) contact.lastName = lastName;
  if (phone) contact.phone = phone;
  return contact;
}

/**
 * The form's other fields, stored with the payment (at most 50, 1,000 characters each, as the API allows).
 * A value that looks like a card number is left out: card data never goes to our server.
 */
export function readFields(form: HTMLFormElement): Record<string, string> {
  const values = new Map<string, string[]>();
  for (const el of Array.from(form.elements) as HTMLInputElement[]) {
    if (!el.name || el.disabled || el.name === paymentIdField || el.name === 'hs_context') continue;
    if (['submit', 'button', 'file', 'password'].includes(el.type)) continue;
    if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) continue;
    const list = values.get(el.name) ?? [];
    list.push(el.value);
    values.set(el.name, list);
  }
  const fields: Record<string, string> = {};
  for (const [name, list] of values) {
    const value = list.join(';').slice(0, 1000);
    if (!value || looksLikeCardNumber(value) || Object.keys(fields).length >= 50) continue;
    fields[name.slice(0, 100)] = value;
  }
  return fields;
}

/** Puts the payment id in the form's `onepagepay_payment_id` field, adding a hidden one when the form has none. */
export function setPaymentId(form: HTMLFormElement, paymentId: string): void {
  let input = form.querySelector<HTMLInputElement>(`input[name="${paymentIdField}"]`);
  if (!input) {
    input = document.createElement('input');
    input.type = 'hidden';
    input.name = paymentIdField;
    form.appendChild(input);
  }
  input.value = paymentId;
}

/**
 * Stops the HubSpot form's submissions before the embed sees them (capture phase on window; the embed
 * listens on the form) and calls `onSubmit` instead. The returned function lets the form submit, now and
 * from then on (after the payment succeeded).
 */
export function guardSubmit(form: HTMLFormElement, onSubmit: () => void): () => void {
  let open = false;
  window.addEventListener(
    'submit',
    (event) => {
      if (event.target !== form || open) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      onSubmit();
    },
    true,
  );
  return () => {
    open = true;
    if (typeof form.requestSubmit === 'function') form.requestSubmit();
    else submitButtons(form)[0]?.click();
  };
}
