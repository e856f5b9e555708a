import type { FastifyInstance } from 'fastify';
import { baseUrl, type PayPalDeps } from './context.js';
import { scriptJson } from './html.js';
import { isSupportedCurrency } from './money.js';

/**
 * The browser side of the PayPal JS SDK (`paypal.Buttons`), as plain ES5 so it runs on any page.
 * Kept as a string on purpose: compiled TypeScript functions may reference build helpers.
 */
function sdkSource(config: { base: string; clientId: string; currency: string }): string {
  return `/* PayPal JS SDK — OnePagePay sandbox stand-in */
(function () {
  'use strict';
  var CONFIG = ${scriptJson(config)};
  if (window.paypal && window.paypal.__sandbox) return;
  var ORIGIN = new URL(CONFIG.base).origin;
  var COLORS = { gold: ['#ffc439', '#111'], blue: ['#0070ba', '#fff'], silver: ['#eeeeee', '#111'], white: ['#ffffff', '#111'], black: ['#111111', '#fff'] };
  var LABELS = { paypal: '', checkout: 'Checkout', buynow: 'Buy Now', pay: 'Pay with', subscribe: 'Subscribe' };

  function toError(e) { return e instanceof Error ? e : new Error(String(e)); }

  function Buttons(options) {
    var opts = options || {};
    var style = opts.style || {};
    var container = null;
    var state = { busy: false, orderID: null, win: null, overlay: null, poll: null, settled: false };

    function fail(err) {
      if (typeof opts.onError === 'function') opts.onError(toError(err));
      else if (window.console) console.error(err);
    }

    function cleanup() {
      if (state.poll) clearInterval(state.poll);
      if (state.win && !state.win.closed) state.win.close();
      if (state.overlay && state.overlay.parentNode) state.overlay.parentNode.removeChild(state.overlay);
      state.poll = null; state.win = null; state.overlay = null; state.busy = false;
    }

    function cancelled() {
      var orderID = state.orderID;
      cleanup();
      if (typeof opts.onCancel === 'function') opts.onCancel({ orderID: orderID });
    }

    var actions = {
      restart: function () { cleanup(); start(null); return Promise.resolve(); },
      order: {
        get: function () { return Promise.reject(new Error('actions.order.get is not available in the sandbox: read the order on your server')); },
        capture: function () { return Promise.reject(new Error('actions.order.capture is not available in the sandbox: capture on your server')); }
      }
    };

    function onMessage(event) {
      if (event.origin !== ORIGIN) return;
      var d = event.data;
      if (!d || d.source !== 'paypal-sandbox' || d.orderID !== state.orderID || state.settled) return;
      state.settled = true;
      if (d.event === 'approve') {
        cleanup();
        var data = { orderID: d.orderID, payerID: d.payerID, paymentID: null, facilitatorAccessToken: 'A21AA.sandbox', paymentSource: 'paypal' };
        Promise.resolve().then(function () { return typeof opts.onApprove === 'function' ? opts.onApprove(data, actions) : undefined; }).catch(fail);
      } else {
        cancelled();
      }
    }
    window.addEventListener('message', onMessage);

    function showModal(url) {
      var overlay = document.createElement('div');
      overlay.setAttribute('data-paypal-sandbox-overlay', '');
      overlay.style.cssText = 'position:fixed;inset:0;background:rgba(0,0,0,.6);z-index:2147483647;display:flex;align-items:center;justify-content:center';
      var frame = document.createElement('iframe');
      frame.src = url;
      frame.title = 'PayPal';
      frame.style.cssText = 'width:460px;max-width:95vw;height:680px;max-height:92vh;border:0;border-radius:12px;background:#fff';
      var close = document.createElement('button');
      close.type = 'button';
      close.textContent = '\\u00d7';
      close.setAttribute('aria-label', 'Close PayPal');
      close.style.cssText = 'position:absolute;top:12px;right:16px;font-size:32px;background:none;border:0;color:#fff;cursor:pointer';
      close.onclick = function () { if (!state.settled) { state.settled = true; cancelled(); } };
      overlay.appendChild(frame);
      overlay.appendChild(close);
      document.body.appendChild(overlay);
      state.overlay = overlay;
    }

    function openApproval(orderID, win) {
      state.orderID = String(orderID);
      var url = CONFIG.base + '/checkoutnow?token=' + encodeURIComponent(state.orderID) + '&sdk=1';
      if (win && !win.closed) {
        win.location.href = url;
        state.win = win;
        state.poll = setInterval(function () {
          if (state.win && state.win.closed && !state.settled) { state.settled = true; cancelled(); }
        }, 400);
      } else {
        showModal(url);
      }
    }

    function start(win) {
      state.busy = true;
      state.settled = false;
      Promise.resolve()
        .then(function () {
          if (typeof opts.createOrder !== 'function') throw new Error('createOrder is required');
          return opts.createOrder({ paymentSource: 'paypal' }, actions);
        })
        .then(function (orderID) {
          if (!orderID) throw new Error('Expected an order id to be passed');
          openApproval(orderID, win);
        })
        .catch(function (err) {
          if (win && !win.closed) win.close();
          state.busy = false;
          fail(err);
        });
    }

    function click() {
      if (state.busy) return;
      var proceed = true;
      if (typeof opts.onClick === 'function') {
        var r = opts.onClick({ fundingSource: 'paypal' }, { resolve: function () { return Promise.resolve(); }, reject: function () { proceed = false; return Promise.resolve(); } });
        if (r === false) proceed = false;
      }
      if (!proceed) return;
      // The window must open inside the click, or popup blockers stop it; it waits on a blank page for the order.
      var win = null;
      try { win = window.open('', 'paypal_sandbox_' + Date.now(), 'width=480,height=720'); } catch (e) { win = null; }
      if (win) { try { win.document.write('<title>PayPal</title><p style="font-family:sans-serif">Loading PayPal…</p>'); } catch (e) {} }
      start(win);
    }

    return {
      isEligible: function () { return true; },
      render: function (target) {
        var el = typeof target === 'string' ? document.querySelector(target) : target;
        if (!el) return Promise.reject(new Error('Document is ready and element ' + target + ' does not exist'));
        var c = COLORS[style.color] || COLORS.gold;
        var height = Math.max(25, Math.min(55, Number(style.height) || 45));
        var radius = style.shape === 'pill' ? height / 2 + 'px' : style.shape === 'sharp' ? '0' : '4px';
        var prefix = LABELS[style.label] || '';
        var button = document.createElement('button');
        button.type = 'button';
        button.setAttribute('data-funding-source', 'paypal');
        button.setAttribute('aria-label', (prefix ? prefix + ' ' : '') + 'PayPal');
        button.style.cssText = 'width:100%;min-width:150px;height:' + height + 'px;border-radius:' + radius + ';border:' + (style.color === 'white' ? '1px solid #555' : '0') + ';background:' + c[0] + ';color:' + c[1] + ';font:italic 700 18px Verdana,sans-serif;cursor:pointer';
        var pay = c[0] === '#ffc439' || c[0] === '#ffffff' || c[0] === '#eeeeee' ? '#003087' : c[1];
        var pal = c[0] === '#ffc439' || c[0] === '#ffffff' || c[0] === '#eeeeee' ? '#009cde' : c[1];
        button.innerHTML = (prefix ? '<span style="font-style:normal;font-weight:400;font-size:15px">' + prefix + ' </span>' : '') + '<span style="color:' + pay + '">Pay</span><span style="color:' + pal + '">Pal</span>';
        button.addEventListener('click', click);
        container = document.createElement('div');
        container.className = 'paypal-buttons paypal-buttons-sandbox';
        container.appendChild(button);
        el.appendChild(container);
        if (typeof opts.onInit === 'function') opts.onInit({}, { enable: function () { button.disabled = false; }, disable: function () { button.disabled = true; } });
        return Promise.resolve();
      },
      close: function () {
        cleanup();
        window.removeEventListener('message', onMessage);
        if (container && container.parentNode) container.parentNode.removeChild(container);
        return Promise.resolve();
      }
    };
  }

  window.paypal = {
    __sandbox: true,
    version: '5.0.0-onepagepay-sandbox',
    FUNDING: { PAYPAL: 'paypal', CARD: 'card', VENMO: 'venmo', PAYLATER: 'paylater' },
    Buttons: Buttons,
    getFundingSources: function () { return ['paypal']; },
    isFundingEligible: function (source) { return source === 'paypal'; }
  };
})();
`;
}

/** `GET /sdk/js?client-id=…&currency=…&intent=capture`: the JS SDK stand-in, bound to an app of this stand-in. */
export function registerPayPalJs(app: FastifyInstance, deps: PayPalDeps) {
  app.get<{ Querystring: Record<string, string | undefined> }>('/sdk/js', async (req, reply) => {
    reply.type('application/javascript; charset=utf-8').header('cache-control', 'no-cache').header('access-control-allow-origin', '*');
    const clientId = req.query['client-id'] ?? '';
    const currency = (req.query.currency ?? 'USD').toUpperCase();
    const intent = (req.query.intent ?? 'capture').toLowerCase();
    const problem = !deps.store.apps.has(clientId)
      ? `Invalid query value for client-id: ${clientId}`
      : !isSupportedCurrency(currency)
        ? `Invalid query value for currency: ${currency}`
        : intent !== 'capture'
          ? `Invalid query value for intent: ${intent} (the sandbox supports capture)`
          : undefined;
    if (problem) return reply.code(400).send(`throw new Error(${scriptJson(`SDK Validation error: '${problem}'`)});\n`);
    return reply.send(sdkSource({ base: baseUrl(deps, req), clientId, currency }));
  });
}
