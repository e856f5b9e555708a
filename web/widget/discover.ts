import { mountWidget, type MountTarget } from './widget.js';

interface OnePagePayGlobal {
  version: string;
  scan(): void;
}

declare const __WIDGET_VERSION__: string;

const embedSrc = /\/widget(\/widget\.[\w-]+)?\.js(?:[?#]|$)/;

/** The server's URL, ending in "/": `data-api`, else where the loader or bundle came from. */
function apiBase(el: Element, fallback: string): string {
  const api = el.getAttribute('data-api');
  return api ? new URL(api.replace(/\/*$/, '/'), location.href).href : fallback;
}

/**
 * Finds what to mount on the page:
 * - embed tags `<script src="…/widget.js" data-account data-form>` (also the pinned bundle
 *   `…/widget/widget.<hash>.js` with the same attributes), one widget each, next to a HubSpot form;
 * - standalone boxes `<div data-onepagepay-form data-account data-form>` (and the hosted page's).
 * Each is mounted once (a second copy of the bundle hands over to the first); `window.OnePagePay.scan()` mounts what was added to the page later.
 */
export function startWidget() {
  const w = window as unknown as { OnePagePay?: OnePagePayGlobal };
  const self = document.currentScript as HTMLScriptElement | null;
  // The API: what the loader said (it may have loaded the bundle from a CDN), else where the bundle
  // came from ({base}widget/widget.<hash>.js), else this page's origin.
  const bundleBase = self?.getAttribute('data-api')
    ? apiBase(self, '')
    : self?.src
      ? new URL('../', self.src).href
      : new URL('/', location.href).href;
  const mounted = new WeakSet<Element>();

  const mount = (el: Element, target: Omit<MountTarget, 'accountId' | 'formId' | 'anchor'>) => {
    const accountId = el.getAttribute('data-account');
    const formId = el.getAttribute('data-form');
    if (mounted.has(el)) return;
    mounted.add(el);
    if (!accountId || !formId) {
      console.error('OnePagePay: the widget needs data-account and data-form attributes.', el);
      return;
    }
    mountWidget({ anchor: el, accountId, formId, ...target }).catch((error) => console.error('OnePagePay:', error));
  };

  const scan = () => {
    for (const script of Array.from(document.querySelectorAll<HTMLScriptElement>('script[data-account][data-form]'))) {
      const match = embedSrc.exec(script.src);
      if (!match) continue;
      mount(script, { kind: 'embed', apiBase: apiBase(script, new URL(match[1] ? '../' : './', script.src).href) });
    }
    for (const div of Array.from(document.querySelectorAll('[data-onepagepay-form]'))) {
      mount(div, { kind: div.hasAttribute('data-hosted') ? 'hosted' : 'standalone', apiBase: apiBase(div, bundleBase) });
    }
  };

  // A second copy of the bundle on the page hands over to the first.
  if (w.OnePagePay) return w.OnePagePay.scan();
  w.OnePagePay = { version: __WIDGET_VERSION__, scan };
  scan();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
}
