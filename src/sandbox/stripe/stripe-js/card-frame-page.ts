import { escapeHtml, scriptJson } from './html.js';

/**
 * The card fields' iframe, served from the stand-in's own origin. It validates the card,
 * reports `change` events to the parent page and, when asked, calls the API itself
 * (confirm / create payment method), so the card number never leaves this frame except to
 * the stand-in, and the merchant page only ever sees the result.
 */
export function cardFramePage(opts: { publishableKey: string; parentOrigin: string; elementType: string; frameId: string; methods: string[] }): string {
  const cfg = { key: opts.publishableKey, parentOrigin: opts.parentOrigin, elementType: opts.elementType, frameId: opts.frameId, methods: opts.methods };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Secure card payment input frame</title>
<style>
*{box-sizing:border-box}body{margin:0;font:15px system-ui,sans-serif;color:#30313d;background:transparent}
.row{display:flex;gap:8px}.field{display:flex;flex-direction:column;flex:1;margin-bottom:8px}
label{font-size:13px;margin-bottom:4px;color:#6d6e78}
input{font:inherit;padding:10px;border:1px solid #e6e6e6;border-radius:5px;width:100%}
input,select{font:inherit;padding:10px;border:1px solid #e6e6e6;border-radius:5px;width:100%}
input[aria-invalid=true]{border-color:#df1b41}#error{color:#df1b41;font-size:13px;min-height:1em}
[role=tablist]{display:flex;gap:8px;margin-bottom:10px}
[role=tab]{font:inherit;flex:1;padding:8px;border:1px solid #e6e6e6;border-radius:5px;background:#fff;cursor:pointer;color:#30313d}
[role=tab][aria-selected=true]{border-color:#0570de;box-shadow:0 0 0 1px #0570de;color:#0570de}
.note{font-size:13px;color:#6d6e78;margin:0 0 8px}
</style></head>
<body>
<div role="tablist" id="tabs" aria-label="Payment method" hidden></div>
<form id="card" autocomplete="on" novalidate>
<div class="field"><label for="cardnumber">Card number</label>
<input id="cardnumber" name="cardnumber" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" aria-label="Card number"></div>
<div class="row">
<div class="field"><label for="exp-date">Expiration</label>
<input id="exp-date" name="exp-date" inputmode="numeric" autocomplete="cc-exp" placeholder="MM / YY" aria-label="Expiration date"></div>
<div class="field"><label for="cvc">CVC</label>
<input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="CVC" aria-label="Security code"></div>
</div>
</form>
<div id="klarna" role="tabpanel" hidden>
<p class="note">After submission, you will be redirected to securely complete next steps.</p>
<div class="field"><label for="country">Country</label>
<select id="country" autocomplete="country"><option value="US">United States</option><option value="DE">Germany</option><option value="FR">France</option><option value="NL">Netherlands</option><option value="AT">Austria</option><option value="GB">United Kingdom</option></select></div>
</div>
<div id="sepa" role="tabpanel" hidden>
<div class="field"><label for="iban-name">Full name</label><input id="iban-name" autocomplete="name"></div>
<div class="field"><label for="iban">IBAN</label><input id="iban" autocomplete="off" placeholder="DE00 0000 0000 0000 0000 00" aria-label="IBAN"></div>
<p class="note">By providing your payment information and confirming this payment, you authorise the merchant and Stripe, our payment service provider, to send instructions to your bank to debit your account, and your bank to debit your account in accordance with those instructions. You are entitled to a refund from your bank under the terms and conditions of your agreement with your bank.</p>
</div>
<div id="error" role="alert"></div>
<p hidden data-element-type="${escapeHtml(opts.elementType)}"></p>
<script>
(function(){
  var cfg = ${scriptJson(cfg)};
  var $ = function(id){ return document.getElementById(id); };
  var number = $('cardnumber'), exp = $('exp-date'), cvc = $('cvc'), errorBox = $('error');
  var ibanName = $('iban-name'), iban = $('iban'), country = $('country');
  var labels = { card: 'Card', klarna: 'Klarna', sepa_debit: 'SEPA Debit' };
  var panels = { card: $('card'), klarna: $('klarna'), sepa_debit: $('sepa') };
  var methods = cfg.methods.length ? cfg.methods : ['card'];
  var selected = methods[0];
  function digits(s){ return String(s).replace(/\\D/g, ''); }
  function luhn(n){ var sum = 0; for (var i = 0; i < n.length; i++) { var d = +n[n.length - 1 - i]; if (i % 2) { d *= 2; if (d > 9) d -= 9; } sum += d; } return sum % 10 === 0; }
  function brand(n){ return /^4/.test(n) ? 'visa' : /^(5[1-5]|2[2-7])/.test(n) ? 'mastercard' : /^3[47]/.test(n) ? 'amex' : /^6(011|5)/.test(n) ? 'discover' : 'unknown'; }
  function parseExp(){ var d = digits(exp.value); return { month: +d.slice(0, 2), year: d.length > 2 ? 2000 + +d.slice(2, 4) : 0 }; }
  function ibanOk(v){
    if (!/^[A-Z]{2}\\d{2}[A-Z0-9]{11,30}$/.test(v)) return false;
    var moved = (v.slice(4) + v.slice(0, 4)).replace(/[A-Z]/g, function(c){ return String(c.charCodeAt(0) - 55); }), rest = 0;
    for (var i = 0; i < moved.length; i++) rest = (rest * 10 + +moved[i]) % 97;
    return rest === 1;
  }
  function emptyError(){
    return selected === 'sepa_debit' ? { type: 'validation_error', code: 'incomplete_iban', message: 'Your IBAN is incomplete.' } : { type: 'validation_error', code: 'incomplete_number', message: 'Your card number is incomplete.' };
  }
  function ibanValue(){ return iban.value.replace(/\\s/g, '').toUpperCase(); }
  function validate(){
    if (selected === 'klarna') return { complete: true };
    if (selected === 'sepa_debit') {
      var i = ibanValue();
      if (!i && !ibanName.value.trim()) return { empty: true, complete: false };
      if (!ibanName.value.trim()) return { complete: false, error: { type: 'validation_error', code: 'incomplete_name', message: 'Your full name is incomplete.' } };
      if (i.length < 15) return { complete: false, error: { type: 'validation_error', code: 'incomplete_iban', message: 'Your IBAN is incomplete.' } };
      if (!ibanOk(i)) return { complete: false, error: { type: 'validation_error', code: 'invalid_iban', message: 'Your IBAN is invalid.' } };
      return { complete: true };
    }
    var n = digits(number.value), e = parseExp(), c = digits(cvc.value), now = new Date();
    if (!n && !exp.value && !c) return { empty: true, complete: false };
    if (n.length < 12 || !luhn(n)) return { complete: false, error: { type: 'validation_error', code: 'incomplete_number', message: n.length >= 12 ? 'Your card number is invalid.' : 'Your card number is incomplete.' } };
    if (!(e.month >= 1 && e.month <= 12) || !e.year) return { complete: false, error: { type: 'validation_error', code: 'incomplete_expiry', message: "Your card's expiration date is incomplete." } };
    if (e.year < now.getFullYear() || (e.year === now.getFullYear() && e.month < now.getMonth() + 1)) return { complete: false, error: { type: 'validation_error', code: 'invalid_expiry_year_past', message: "Your card's expiration year is in the past." } };
    if (c.length < 3) return { complete: false, error: { type: 'validation_error', code: 'incomplete_cvc', message: "Your card's security code is incomplete." } };
    return { complete: true };
  }
  function send(msg){ msg.frameId = cfg.frameId; window.parent.postMessage(msg, cfg.parentOrigin); }
  function change(){
    var v = validate(), n = digits(number.value);
    errorBox.textContent = '';
    send({ type: 'change', event: { elementType: cfg.elementType, empty: !!v.empty, complete: v.complete, error: undefined, brand: brand(n), value: { type: selected } } });
  }
  function resize(){ send({ type: 'resize', height: Math.ceil(document.documentElement.scrollHeight) }); }
  function choose(method){
    selected = method;
    Object.keys(panels).forEach(function(m){ panels[m].hidden = m !== method; });
    // One tab stop for the tab list (arrow keys move between tabs), as the WAI-ARIA tabs pattern has it.
    Array.prototype.forEach.call(document.querySelectorAll('[role=tab]'), function(tab){
      var on = tab.getAttribute('data-method') === method;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
    });
    change();
    resize();
  }
  if (methods.length > 1) {
    var tabs = $('tabs');
    methods.forEach(function(m){
      var tab = document.createElement('button');
      tab.type = 'button'; tab.setAttribute('role', 'tab'); tab.setAttribute('data-method', m); tab.textContent = labels[m] || m;
      tab.setAttribute('aria-controls', panels[m].id);
      tab.addEventListener('click', function(){ choose(m); });
      tab.addEventListener('keydown', function(e){
        if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
        e.preventDefault();
        var next = methods[(methods.indexOf(selected) + (e.key === 'ArrowRight' ? 1 : methods.length - 1)) % methods.length];
        choose(next);
        tabs.querySelector('[data-method="' + next + '"]').focus();
      });
      tabs.appendChild(tab);
    });
    tabs.hidden = false;
  }
  [ibanName, iban].forEach(function(el){ el.addEventListener('input', change); el.addEventListener('blur', function(){ var v = validate(); if (!v.empty) showError(v); }); });
  function showError(v){ errorBox.textContent = v.error ? v.error.message : ''; }
  [number, exp, cvc].forEach(function(el){ el.addEventListener('input', change); el.addEventListener('blur', function(){ var v = validate(); if (!v.empty) showError(v); }); });
  exp.addEventListener('input', function(){ var d = digits(exp.value).slice(0, 4); exp.value = d.length > 2 ? d.slice(0, 2) + ' / ' + d.slice(2) : d; });

  function form(params, prefix, out){
    out = out || [];
    Object.keys(params).forEach(function(k){
      var v = params[k], name = prefix ? prefix + '[' + k + ']' : k;
      if (v === undefined || v === null) return;
      if (typeof v === 'object') form(v, name, out); else out.push(encodeURIComponent(name) + '=' + encodeURIComponent(v));
    });
    return out.join('&');
  }
  function api(path, params){
    params.key = cfg.key;
    return fetch('/v1/' + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(params) })
      .then(function(r){ return r.json().then(function(body){ return { status: r.status, body: body }; }); });
  }
  function cardData(billing){
    var e = parseExp();
    var data = { type: 'card', card: { number: digits(number.value), exp_month: e.month, exp_year: e.year, cvc: digits(cvc.value) } };
    if (billing) data.billing_details = billing;
    return data;
  }
  /** The payment method data for the selected tab; the buyer's details from the page, completed by what this frame asked. */
  function methodData(billing){
    if (selected === 'card') return cardData(billing);
    var details = {};
    Object.keys(billing || {}).forEach(function(k){ details[k] = billing[k]; });
    if (selected === 'klarna') {
      details.address = { country: country.value };
      return { type: 'klarna', billing_details: details };
    }
    details.name = ibanName.value.trim();
    return { type: 'sepa_debit', sepa_debit: { iban: ibanValue() }, billing_details: details };
  }
  function reply(id, payload){ payload.type = 'result'; payload.id = id; send(payload); }

  window.addEventListener('message', function(event){
    if (event.source !== window.parent || event.origin !== cfg.parentOrigin) return;
    var msg = event.data || {};
    if (msg.type === 'validate') { var v = validate(); showError(v.empty ? { error: emptyError() } : v); return reply(msg.id, v.complete ? {} : { error: v.error || emptyError() }); }
    if (msg.type === 'confirm') {
      var v2 = validate();
      if (!v2.complete) return reply(msg.id, { error: v2.error || emptyError() });
      var pi = String(msg.clientSecret).split('_secret_')[0];
      var params = { client_secret: msg.clientSecret, payment_method_data: methodData(msg.billingDetails), use_stripe_sdk: 'true' };
      // The Payment Element shows the debit mandate and sends its acceptance with the confirmation.
      if (selected === 'sepa_debit') params.mandate_data = { customer_acceptance: { type: 'online', online: { infer_from_client: 'true' } } };
      if (msg.returnUrl) params.return_url = msg.returnUrl;
      if (msg.receiptEmail) params.receipt_email = msg.receiptEmail;
      if (msg.setupFutureUsage) params.setup_future_usage = msg.setupFutureUsage;
      return api('payment_intents/' + encodeURIComponent(pi) + '/confirm', params).then(function(res){ reply(msg.id, res.status === 200 ? { paymentIntent: res.body } : { error: res.body.error }); }, function(){ reply(msg.id, { error: { type: 'api_connection_error', message: 'We could not reach Stripe. Please try again.' } }); });
    }
    if (msg.type === 'createPaymentMethod') {
      var v3 = validate();
      if (!v3.complete) return reply(msg.id, { error: v3.error });
      return api('payment_methods', cardData(msg.billingDetails)).then(function(res){ reply(msg.id, res.status === 200 ? { paymentMethod: res.body } : { error: res.body.error }); });
    }
    if (msg.type === 'clear') { number.value = exp.value = cvc.value = ''; change(); }
    if (msg.type === 'focus') number.focus();
  });
  choose(selected);
  send({ type: 'ready' });
})();
</script>
</body></html>`;
}
