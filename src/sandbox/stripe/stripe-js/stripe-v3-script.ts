import { klarnaCurrencies } from '../local-methods.js';
import { scriptJson } from './html.js';

/**
 * The Stripe.js stand-in: a global `Stripe(publishableKey)` with the Elements and confirmation
 * methods a checkout uses. Card fields live in an iframe from the stand-in's origin
 * (card-frame-page.ts); this script only relays messages, shows 3-D Secure in a modal and
 * reads PaymentIntents with the publishable key, as Stripe.js does.
 */
export function stripeV3Script(origin: string): string {
  return `/* OnePagePay sandbox stand-in for https://js.stripe.com/v3/ */
(function(){
  'use strict';
  if (window.Stripe && window.Stripe.__sandbox) return;
  var ORIGIN = ${scriptJson(origin)};
  var KLARNA = ${scriptJson([...klarnaCurrencies])};
  var seq = 0;
  /** The methods the Payment Element offers: the account's, in the Elements' currency, narrowed by \`paymentMethodTypes\`. */
  function methodsFor(options){
    var cur = String(options.currency || '').toLowerCase();
    var all = ['card'];
    if (KLARNA.indexOf(cur) >= 0) all.push('klarna');
    if (cur === 'eur') all.push('sepa_debit');
    var only = options.paymentMethodTypes;
    return Array.isArray(only) ? all.filter(function(m){ return only.indexOf(m) >= 0; }) : all;
  }
  function uid(p){ seq += 1; return p + '_' + Date.now().toString(36) + '_' + seq; }
  function piId(secret){ return String(secret || '').split('_secret_')[0]; }

  function Element(stripe, group, type, options){
    this._stripe = stripe; this._group = group; this._type = type; this._options = options || {};
    this._handlers = {}; this._frame = null; this._frameId = uid('frame'); this._pending = {}; this._complete = false;
    var self = this;
    this._onMessage = function(event){
      if (!self._frame || event.source !== self._frame.contentWindow || event.origin !== ORIGIN) return;
      var msg = event.data || {};
      if (msg.frameId !== self._frameId) return;
      if (msg.type === 'ready') { self._ready = true; self._emit('ready', { elementType: type }); }
      else if (msg.type === 'change') { self._complete = msg.event.complete; self._emit('change', msg.event); }
      else if (msg.type === 'resize' && self._frame) self._frame.style.height = Math.max(60, Math.min(+msg.height || 0, 900)) + 'px';
      else if (msg.type === 'result' && self._pending[msg.id]) { var done = self._pending[msg.id]; delete self._pending[msg.id]; done(msg); }
    };
    window.addEventListener('message', this._onMessage);
  }
  Element.prototype.mount = function(target){
    var el = typeof target === 'string' ? document.querySelector(target) : target;
    if (!el) throw new Error('IntegrationError: the selector you specified (' + target + ') applies to no DOM elements.');
    var f = document.createElement('iframe');
    f.name = '__privateStripeFrame' + this._frameId;
    f.title = 'Secure payment input frame';
    f.setAttribute('frameborder', '0');
    f.setAttribute('allowtransparency', 'true');
    f.style.cssText = 'border:0;width:100%;height:150px;display:block;background:transparent';
    f.src = ORIGIN + '/v3/elements/card.html?type=' + encodeURIComponent(this._type) + '&key=' + encodeURIComponent(this._stripe._key) +
      '&frame=' + encodeURIComponent(this._frameId) + '&origin=' + encodeURIComponent(location.origin) +
      (this._type === 'payment' ? '&methods=' + encodeURIComponent(methodsFor(this._group._options).join(',')) : '');
    el.innerHTML = '';
    el.appendChild(f);
    this._frame = f;
    return this;
  };
  Element.prototype.unmount = function(){ if (this._frame && this._frame.parentNode) this._frame.parentNode.removeChild(this._frame); this._frame = null; this._ready = false; };
  Element.prototype.destroy = function(){ this.unmount(); window.removeEventListener('message', this._onMessage); delete this._group._elements[this._type]; };
  Element.prototype.on = function(name, fn){ (this._handlers[name] = this._handlers[name] || []).push(fn); return this; };
  Element.prototype.once = function(name, fn){ var self = this; var w = function(e){ self.off(name, w); fn(e); }; return this.on(name, w); };
  Element.prototype.off = function(name, fn){ var h = this._handlers[name] || []; this._handlers[name] = fn ? h.filter(function(x){ return x !== fn; }) : []; return this; };
  Element.prototype._emit = function(name, e){ (this._handlers[name] || []).slice().forEach(function(fn){ try { fn(e); } catch (err) { setTimeout(function(){ throw err; }); } }); };
  Element.prototype.update = function(options){ for (var k in options) this._options[k] = options[k]; };
  Element.prototype.focus = function(){ this._post({ type: 'focus' }); };
  Element.prototype.blur = function(){};
  Element.prototype.clear = function(){ this._post({ type: 'clear' }); };
  Element.prototype._post = function(msg){ if (this._frame) this._frame.contentWindow.postMessage(msg, ORIGIN); };
  Element.prototype._ask = function(msg){
    var self = this;
    if (!this._frame) return Promise.resolve({ error: { type: 'validation_error', code: 'element_not_mounted', message: 'The Element is not mounted.' } });
    return new Promise(function(resolve){
      var go = function(){ msg.id = uid('req'); self._pending[msg.id] = resolve; self._post(msg); };
      if (self._ready) go(); else self.once('ready', go);
    });
  };

  function Elements(stripe, options){
    this._stripe = stripe; this._options = options || {}; this._elements = {}; this._submitted = false;
  }
  Elements.prototype.create = function(type, options){
    if (type !== 'payment' && type !== 'card') throw new Error('IntegrationError: the sandbox Stripe.js supports the payment and card Elements.');
    var el = new Element(this._stripe, this, type, options);
    this._elements[type] = el;
    return el;
  };
  Elements.prototype.getElement = function(type){ return this._elements[type] || null; };
  Elements.prototype.update = function(options){ for (var k in options) this._options[k] = options[k]; };
  Elements.prototype.fetchUpdates = function(){ return Promise.resolve({}); };
  Elements.prototype._element = function(){ return this._elements.payment || this._elements.card; };
  Elements.prototype.submit = function(){
    var self = this, el = this._element();
    if (!el) return Promise.resolve({ error: { type: 'validation_error', message: 'No Element to submit.' } });
    return el._ask({ type: 'validate' }).then(function(r){ if (!r.error) self._submitted = true; return r.error ? { error: r.error } : {}; });
  };

  function Stripe(key, options){
    if (!(this instanceof Stripe)) return new Stripe(key, options);
    if (typeof key !== 'string' || !/^pk_(test|live)_/.test(key)) throw new Error('IntegrationError: Invalid value for Stripe(): apiKey should be a publishable key (pk_test_… or pk_live_…).');
    this._key = key; this._options = options || {};
  }
  Stripe.__sandbox = true;
  Stripe.version = 3;

  Stripe.prototype.elements = function(options){ return new Elements(this, options); };

  Stripe.prototype._get = function(secret){
    return fetch(ORIGIN + '/v1/payment_intents/' + encodeURIComponent(piId(secret)) + '?client_secret=' + encodeURIComponent(secret), { headers: { authorization: 'Bearer ' + this._key } })
      .then(function(r){ return r.json().then(function(body){ return r.ok ? { paymentIntent: body } : { error: body.error }; }); })
      .catch(function(){ return { error: { type: 'api_connection_error', message: 'We could not reach Stripe. Please try again.' } }; });
  };
  Stripe.prototype.retrievePaymentIntent = function(secret){ return this._get(secret); };

  Stripe.prototype._confirmById = function(secret, pm, extra){
    var body = 'key=' + encodeURIComponent(this._key) + '&client_secret=' + encodeURIComponent(secret) + '&payment_method=' + encodeURIComponent(pm) + '&use_stripe_sdk=true';
    if (extra && extra.return_url) body += '&return_url=' + encodeURIComponent(extra.return_url);
    return fetch(ORIGIN + '/v1/payment_intents/' + encodeURIComponent(piId(secret)) + '/confirm', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body })
      .then(function(r){ return r.json().then(function(b){ return r.ok ? { paymentIntent: b } : { error: b.error }; }); });
  };

  /** Shows the 3-D Secure challenge in a modal and resolves once the buyer completes or fails it. */
  Stripe.prototype._challenge = function(secret, pi){
    var self = this;
    var url = pi.next_action.use_stripe_sdk ? pi.next_action.use_stripe_sdk.stripe_js : pi.next_action.redirect_to_url.url;
    return new Promise(function(resolve){
      var overlay = document.createElement('div');
      overlay.setAttribute('data-stripe-sandbox', '3ds-modal');
      overlay.style.cssText = 'position:fixed;inset:0;background:rgba(0,0,0,.5);display:flex;align-items:center;justify-content:center;z-index:2147483647';
      var frame = document.createElement('iframe');
      frame.name = '__stripeSandbox3ds';
      frame.title = '3D Secure authentication';
      frame.style.cssText = 'width:420px;max-width:95vw;height:320px;border:0;border-radius:8px;background:#fff';
      frame.src = url + (url.indexOf('?') < 0 ? '?' : '&') + 'client_secret=' + encodeURIComponent(secret);
      overlay.appendChild(frame);
      document.body.appendChild(overlay);
      function onMessage(event){
        if (event.source !== frame.contentWindow || event.origin !== ORIGIN) return;
        if (!event.data || event.data.type !== 'stripe-sandbox-3ds-result') return;
        window.removeEventListener('message', onMessage);
        overlay.parentNode.removeChild(overlay);
        resolve(self._get(secret));
      }
      window.addEventListener('message', onMessage);
    });
  };

  /** After a confirmation: run 3-D Secure if needed, and shape the answer as Stripe.js does. */
  Stripe.prototype._settle = function(secret, result, redirect, returnUrl){
    var self = this;
    if (result.error) return Promise.resolve(result.error.payment_intent ? { error: result.error, paymentIntent: undefined } : { error: result.error });
    var pi = result.paymentIntent;
    // A redirect-based method leaves the page for its own (whatever \`redirect\` says), and comes back to return_url.
    if (pi.status === 'requires_action' && pi.next_action && pi.next_action.type === 'redirect_to_url' && !pi.next_action.use_stripe_sdk) {
      location.assign(pi.next_action.redirect_to_url.url);
      return new Promise(function(){});
    }
    var next = pi.status === 'requires_action' ? this._challenge(secret, pi) : Promise.resolve(result);
    return next.then(function(r){
      if (r.error) return r;
      var p = r.paymentIntent;
      if (p.status === 'requires_payment_method' && p.last_payment_error) {
        var e = p.last_payment_error;
        return { error: { type: e.type, code: e.code, decline_code: e.decline_code, message: e.message, payment_intent: p } };
      }
      if (redirect !== 'if_required' && returnUrl && (p.status === 'succeeded' || p.status === 'processing' || p.status === 'requires_capture')) {
        var u = new URL(returnUrl, location.href);
        u.searchParams.set('payment_intent', p.id);
        u.searchParams.set('payment_intent_client_secret', secret);
        u.searchParams.set('redirect_status', 'succeeded');
        location.assign(u.toString());
        return new Promise(function(){});
      }
      return { paymentIntent: p };
    });
  };

  Stripe.prototype.confirmPayment = function(opts){
    opts = opts || {};
    var elements = opts.elements, params = opts.confirmParams || {};
    var secret = opts.clientSecret || (elements && elements._options.clientSecret);
    if (!secret) return Promise.reject(new Error('IntegrationError: confirmPayment needs a clientSecret (in elements() or in the call).'));
    if (opts.redirect !== 'if_required' && !params.return_url) return Promise.reject(new Error('IntegrationError: stripe.confirmPayment(): the \`confirmParams.return_url\` argument is required unless passing \`redirect: \\'if_required\\'\`'));
    var el = elements && elements._element();
    if (!el) return Promise.reject(new Error('IntegrationError: confirmPayment needs Elements with a mounted payment Element.'));
    var billing = params.payment_method_data && params.payment_method_data.billing_details;
    var self = this;
    return el._ask({ type: 'confirm', clientSecret: secret, billingDetails: billing, returnUrl: params.return_url, receiptEmail: params.receipt_email })
      .then(function(r){ return self._settle(secret, r, opts.redirect, params.return_url); });
  };

  Stripe.prototype.confirmCardPayment = function(secret, data, options){
    data = data || {};
    var self = this, pm = data.payment_method;
    var handle = !options || options.handleActions !== false;
    var first;
    if (typeof pm === 'string') first = this._confirmById(secret, pm, data);
    else if (pm && pm.card && pm.card._ask) first = pm.card._ask({ type: 'confirm', clientSecret: secret, billingDetails: pm.billing_details, returnUrl: data.return_url, receiptEmail: data.receipt_email, setupFutureUsage: data.setup_future_usage });
    else return Promise.reject(new Error('IntegrationError: confirmCardPayment needs payment_method.card (a card Element) or a payment method id.'));
    return first.then(function(r){
      if (!handle && !r.error) return r;
      return self._settle(secret, r, 'if_required');
    });
  };

  Stripe.prototype.handleNextAction = function(opts){
    var self = this, secret = opts && opts.clientSecret;
    return this._get(secret).then(function(r){ return self._settle(secret, r, 'if_required'); });
  };
  Stripe.prototype.handleCardAction = function(secret){ return this.handleNextAction({ clientSecret: secret }); };

  Stripe.prototype.createPaymentMethod = function(opts){
    var el = opts && (opts.card || (opts.elements && opts.elements._element()));
    if (!el) return Promise.reject(new Error('IntegrationError: createPaymentMethod needs a card Element or Elements.'));
    return el._ask({ type: 'createPaymentMethod', billingDetails: opts.billing_details || (opts.params && opts.params.billing_details) });
  };

  window.Stripe = Stripe;
})();
`;
}
