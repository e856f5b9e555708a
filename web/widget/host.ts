import { h } from './dom.js';
import { styleNodes } from './styles.js';

/**
 * One widget's box on the merchant's page: a `div.onepagepay` whose shadow root holds the widget's UI.
 * Stripe's and PayPal's iframes are mounted in light-DOM children slotted into that UI, so their
 * scripts find them with ordinary DOM calls while the widget's own markup and styles stay isolated.
 */
export interface Host {
  element: HTMLDivElement;
  root: ShadowRoot;
  cardMount: HTMLDivElement;
  paypalMount: HTMLDivElement;
  /** Replaces the shadow content. */
  show(...nodes: Node[]): void;
  /** Shows a message box in place of the payment section (provider down, form unavailable…). */
  message(text: string): void;
}

export function createHost(language: string): Host {
  const element = h('div', { class: 'onepagepay', lang: language, 'data-onepagepay-widget': '' });
  const root = element.attachShadow({ mode: 'open' });
  const cardMount = h('div', { slot: 'card', class: 'onepagepay-card' });
  const paypalMount = h('div', { slot: 'paypal', class: 'onepagepay-paypal' });
  const show = (...nodes: Node[]) => root.replaceChildren(...styleNodes(root), ...nodes);
  return {
    element,
    root,
    cardMount,
    paypalMount,
    show,
    message(text) {
      cardMount.remove();
      paypalMount.remove();
      element.setAttribute('data-state', 'unavailable');
      show(h('div', { class: 'msg', role: 'status', 'data-onepagepay-message': '' }, text));
    },
  };
}
