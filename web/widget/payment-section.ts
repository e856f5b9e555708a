import { h } from './dom.js';
import type { Host } from './host.js';
import { formatMoney, parseAmount } from './money.js';
import { choose, clampQuantity, initialOrder, summarize, type OrderProblem, type OrderSummary } from './order.js';
import type { Strings } from './strings.js';
import type { ConfigItem, Contact, FormConfig } from './types.js';

export interface SectionOptions {
  /** Standalone and hosted modes collect the buyer's email and names and have their own Pay button. */
  standalone: boolean;
  /** The hosted page shows the form's name as the page's heading. */
  hosted: boolean;
  onChange(summary: OrderSummary): void;
  onPay(): void;
}

export interface PaymentSection {
  summary(): OrderSummary;
  /** Standalone mode: the buyer's details, or null after marking what is missing. */
  contact(): Contact | null;
  problem(problem: OrderProblem): void;
  error(text: string | null): void;
  status(text: string | null): void;
  busy(on: boolean): void;
  paid(text: string): void;
  /** Adds the "or pay with PayPal" part around the PayPal mount. */
  withPayPal(): void;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/;
export const isEmail = (value: string) => emailPattern.test(value);

/** Renders the payment section into the host: product choice, quantities, custom amount, summary, card. */
export function renderPaymentSection(host: Host, config: FormConfig, t: Strings, locale: string, options: SectionOptions): PaymentSection {
  const state = initialOrder(config);
  const money = (minor: number) => formatMoney(minor, config.currency, locale);
  const label = (item: ConfigItem) => (item.nickname ? `${item.productName} — ${item.nickname}` : item.productName);
  /** Every control, and when it is usable besides "no payment in flight" (a quantity: when its item is chosen). */
  const controls: Array<{ el: HTMLInputElement | HTMLButtonElement; usable: () => boolean }> = [];
  const track = <T extends HTMLInputElement | HTMLButtonElement>(el: T, usable: () => boolean = () => true) => {
    controls.push({ el, usable });
    return el;
  };
  let busy = false;
  const chosen = (item: ConfigItem) => state.selected.has(item.priceId);

  const errorBox = h('p', { class: 'err', role: 'alert', id: 'err' });
  const statusBox = h('p', { class: 'st', role: 'status' });
  const summaryBox = h('div', { class: 'sum', 'aria-live': 'polite' });
  const custom = config.items.find((i) => i.type === 'custom');
  let amountInput: HTMLInputElement | null = null;
  let amountBox: HTMLElement | null = null;

  const changed = () => {
    renderSummary();
    options.onChange(summarize(config, state));
  };
  /** Enables what can be used now, and shows the amount field only while the custom amount is chosen. */
  const sync = () => {
    for (const { el, usable } of controls) el.disabled = busy || !usable();
    if (amountBox && custom) amountBox.hidden = !chosen(custom);
  };

  function itemPrice(item: ConfigItem): string {
    return item.type === 'custom' ? t.amountRange(money(item.minAmount ?? 1), money(item.maxAmount ?? 99_999_999)) : money(item.unitAmount ?? 0);
  }

  function quantityInput(item: ConfigItem): HTMLElement | null {
    if (item.type !== 'fixed' || item.maxQuantity <= 1) return null;
    const input = track(
      h('input', {
        class: 't',
        type: 'number',
        id: `q-${item.priceId}`,
        min: 1,
        max: item.maxQuantity,
        step: 1,
        value: 1,
        inputmode: 'numeric',
        oninput: () => {
          if (input.value === '') return; // the buyer is still typing
          state.quantities.set(item.priceId, clampQuantity(item, Number(input.value)));
          changed();
        },
        onchange: () => {
          input.value = String(clampQuantity(item, Number(input.value)));
          state.quantities.set(item.priceId, Number(input.value));
          changed();
        },
      }),
      () => chosen(item),
    );
    return h('span', { class: 'q' }, h('label', { for: input.id }, t.quantity), input);
  }

  function option(item: ConfigItem, kind: 'radio' | 'checkbox' | null): HTMLElement {
    const id = `i-${item.priceId}`;
    const description = item.description ? h('span', { class: 'd' }, item.description) : null;
    const name = h('span', {}, label(item), description);
    if (!kind) return h('div', { class: 'o' }, name, h('span', { class: 'p' }, itemPrice(item)), quantityInput(item));
    const input = track(
      h('input', {
        type: kind,
        id,
        name: 'item',
        value: item.priceId,
        checked: state.selected.has(item.priceId),
        onchange: () => {
          choose(config, state, item.priceId, input.checked);
          changed();
        },
      }),
    );
    return h('div', { class: 'o' }, h('label', { for: id }, input, name), h('span', { class: 'p' }, itemPrice(item)), quantityInput(item));
  }

  function choice(): HTMLElement {
    if (config.selection === 'fixed') return h('div', {}, ...config.items.map((i) => option(i, null)));
    const kind = config.selection === 'pick_one' ? 'radio' : 'checkbox';
    return h('fieldset', {}, h('legend', {}, kind === 'radio' ? t.chooseOne : t.chooseMany), ...config.items.map((i) => option(i, kind)));
  }

  function amountField(item: ConfigItem): HTMLElement {
    const range = itemPrice(item);
    const input = track(
      h('input', {
        class: 't',
        id: 'amount',
        type: 'text',
        inputmode: 'decimal',
        autocomplete: 'off',
        'aria-describedby': 'amount-hint',
        oninput: () => {
          state.customAmount = parseAmount(input.value, config.currency);
          changed();
        },
      }),
    );
    amountInput = input;
    amountBox = h('div', {}, h('label', { class: 'f', for: 'amount' }, `${t.amount} (${config.currency.toUpperCase()})`), input, h('p', { class: 'h', id: 'amount-hint' }, range));
    return amountBox;
  }

  function renderSummary() {
    const s = summarize(config, state);
    const rows = s.lines.map((l) => h('div', { class: 'r' }, h('span', {}, l.quantity > 1 ? `${label(l.item)} × ${l.quantity}` : label(l.item)), h('span', { class: 'p' }, money(l.amount))));
    summaryBox.replaceChildren(
      h('strong', {}, t.orderSummary),
      ...rows,
      h('div', { class: 'r tot' }, h('span', {}, t.total), h('span', { class: 'p', 'data-onepagepay-total': '' }, money(s.total))),
    );
    if (payButton) payButton.textContent = t.pay(money(s.total));
    sync();
  }

  const contactInputs: Record<'email' | 'firstName' | 'lastName', HTMLInputElement> | null = options.standalone
    ? {
        email: track(h('input', { class: 't', id: 'email', type: 'email', autocomplete: 'email', required: true, 'aria-describedby': 'err' })),
        firstName: track(h('input', { class: 't', id: 'firstName', type: 'text', autocomplete: 'given-name' })),
        lastName: track(h('input', { class: 't', id: 'lastName', type: 'text', autocomplete: 'family-name' })),
      }
    : null;
  const contactFields = contactInputs
    ? [
        h('label', { class: 'f', for: 'email' }, t.email),
        contactInputs.email,
        h('label', { class: 'f', for: 'firstName' }, t.firstName),
        contactInputs.firstName,
        h('label', { class: 'f', for: 'lastName' }, t.lastName),
        contactInputs.lastName,
      ]
    : [];

  const payButton = options.standalone ? track(h('button', { class: 'pay', type: 'button', onclick: () => options.onPay() })) : null;
  const paypalPart = h('div', { hidden: true }, h('p', { class: 'or' }, t.orPayPal), h('slot', { name: 'paypal' }));
  const heading = options.hosted ? h('h1', {}, config.name) : h('h2', {}, options.standalone ? config.name : t.payment);

  const section = h(
    'section',
    { class: 's', 'aria-label': options.hosted ? null : t.payment },
    heading,
    choice(),
    custom ? amountField(custom) : null,
    summaryBox,
    ...contactFields,
    h('div', { class: 'card', role: 'group', 'aria-label': t.card }, h('span', {}, t.card), h('slot', { name: 'card' }), h('p', { class: 'h' }, t.cardNote)),
    errorBox,
    statusBox,
    payButton,
    paypalPart,
  );
  // A buyer fixing what was wrong should not keep reading the old error.
  section.addEventListener('input', (event) => {
    errorBox.textContent = '';
    (event.target as Element).removeAttribute('aria-invalid');
  });
  section.addEventListener('change', () => {
    errorBox.textContent = '';
  });
  host.element.append(host.cardMount);
  host.show(section);
  renderSummary();

  return {
    summary: () => summarize(config, state),
    contact() {
      if (!contactInputs) return null;
      const email = contactInputs.email.value.trim();
      if (!isEmail(email)) {
        contactInputs.email.setAttribute('aria-invalid', 'true');
        contactInputs.email.focus();
        errorBox.textContent = t.emailInvalid;
        return null;
      }
      contactInputs.email.removeAttribute('aria-invalid');
      const contact: Contact = { email };
      const firstName = contactInputs.firstName.value.trim();
      const lastName = contactInputs.lastName.value.trim();
      if (firstName) contact.firstName = firstName;
      if (lastName) contact.lastName = lastName;
      return contact;
    },
    problem(problem) {
      if (problem.kind === 'nothing_selected') {
        errorBox.textContent = t.nothingSelected;
        return;
      }
      errorBox.textContent = t.amountInvalid(money(problem.min), money(problem.max));
      if (amountInput) {
        amountInput.setAttribute('aria-invalid', 'true');
        amountInput.focus();
      }
    },
    error(text) {
      errorBox.textContent = text ?? '';
    },
    status(text) {
      statusBox.textContent = text ?? '';
    },
    busy(on) {
      busy = on;
      sync();
      section.setAttribute('aria-busy', String(on));
      statusBox.textContent = on ? t.processing : '';
    },
    paid(text) {
      host.cardMount.remove();
      host.paypalMount.remove();
      host.element.setAttribute('data-state', 'paid');
      const box = h('div', { class: 'ok', role: 'status', tabindex: -1, 'data-onepagepay-paid': '' }, text);
      host.show(h('section', { class: 's' }, heading, box));
      box.focus();
    },
    withPayPal() {
      host.element.append(host.paypalMount);
      paypalPart.hidden = false;
    },
  };
}
