import { escapeHtml, formatAmount, scriptJson } from './html.js';

/** What the page asks of the buyer: a card's 3-D Secure challenge, or approving a redirect-based method's payment. */
const wording = {
  '3ds': {
    title: '3D Secure authentication (sandbox)',
    heading: '3D Secure 2 test payment page',
    text: "This is a sandbox stand-in for your bank's authentication page.",
    complete: 'Complete',
    fail: 'Fail',
  },
  redirect: {
    title: 'Test payment authorization (sandbox)',
    heading: 'Test payment page',
    text: "This is a sandbox stand-in for the payment provider's page (Stripe's test page for redirect-based payment methods).",
    complete: 'Authorize test payment',
    fail: 'Fail test payment',
  },
};

/**
 * The sandbox's page for what a PaymentIntent asks: "Complete"/"Fail" a 3-D Secure challenge, or
 * "Authorize test payment"/"Fail test payment" for a redirect-based method, as Stripe's test pages
 * offer. In a modal (Stripe.js stand-in) it reports to the opener with postMessage; as a redirect
 * page it returns to `return_url` with `payment_intent`, `payment_intent_client_secret` and
 * `redirect_status`, as Stripe does.
 */
export function testActionPage(opts: { kind: '3ds' | 'redirect'; pi: { id: string; amount: number; currency: string; client_secret: string }; returnUrl: string | null }): string {
  const config = { id: opts.pi.id, clientSecret: opts.pi.client_secret, returnUrl: opts.returnUrl, answerPath: opts.kind === '3ds' ? '/__sandbox/stripe/3ds/' : '/__sandbox/stripe/redirect/' };
  const words = wording[opts.kind];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(words.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px system-ui,sans-serif;margin:0;padding:24px;color:#1a1f36;background:#fff}
h1{font-size:18px;margin:0 0 8px}p{color:#4f566b}
.buttons{display:flex;gap:12px;margin-top:20px}
button{font:inherit;padding:10px 18px;border-radius:6px;border:1px solid #635bff;cursor:pointer}
#complete{background:#635bff;color:#fff}#fail{background:#fff;color:#635bff}
</style></head>
<body>
<h1>${escapeHtml(words.heading)}</h1>
<p>${escapeHtml(words.text)} Payment of <strong>${escapeHtml(formatAmount(opts.pi.amount, opts.pi.currency))}</strong>.</p>
<div class="buttons">
<button id="complete" type="button" data-testid="${opts.kind}-complete">${escapeHtml(words.complete)}</button>
<button id="fail" type="button" data-testid="${opts.kind}-fail">${escapeHtml(words.fail)}</button>
</div>
<p id="status" role="status"></p>
<script>
(function(){
  var cfg = ${scriptJson(config)};
  function answer(result){
    document.getElementById('status').textContent = 'Authenticating…';
    fetch(cfg.answerPath + encodeURIComponent(cfg.id), {
      method: 'POST',
      headers: {'content-type': 'application/x-www-form-urlencoded'},
      body: 'client_secret=' + encodeURIComponent(cfg.clientSecret) + '&result=' + result
    }).then(function(r){ return r.json(); }).then(function(pi){
      if (cfg.returnUrl) {
        var u = new URL(cfg.returnUrl);
        u.searchParams.set('payment_intent', cfg.id);
        u.searchParams.set('payment_intent_client_secret', cfg.clientSecret);
        u.searchParams.set('redirect_status', result === 'succeed' ? 'succeeded' : 'failed');
        location.href = u.toString();
      } else if (window.parent !== window) {
        window.parent.postMessage({ type: 'stripe-sandbox-3ds-result', id: cfg.id, result: result, paymentIntent: pi }, '*');
      } else {
        document.getElementById('status').textContent = 'Done: ' + pi.status;
      }
    });
  }
  document.getElementById('complete').onclick = function(){ answer('succeed'); };
  document.getElementById('fail').onclick = function(){ answer('fail'); };
})();
</script>
</body></html>`;
}
