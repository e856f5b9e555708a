import { escapeHtml, formatAmount, scriptJson } from './html.js';

/**
 * The sandbox's 3-D Secure challenge: "Complete" or "Fail". In a modal (Stripe.js stand-in)
 * it reports to the opener with postMessage; as a redirect page it returns to `return_url`
 * with `payment_intent`, `payment_intent_client_secret` and `redirect_status`, as Stripe does.
 */
export function threeDSecurePage(opts: { pi: { id: string; amount: number; currency: string; client_secret: string }; returnUrl: string | null }): string {
  const config = { id: opts.pi.id, clientSecret: opts.pi.client_secret, returnUrl: opts.returnUrl };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>3D Secure authentication (sandbox)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px system-ui,sans-serif;margin:0;padding:24px;color:#1a1f36;background:#fff}
h1{font-size:18px;margin:0 0 8px}p{color:#4f566b}
.buttons{display:flex;gap:12px;margin-top:20px}
button{font:inherit;padding:10px 18px;border-radius:6px;border:1px solid #635bff;cursor:pointer}
#complete{background:#635bff;color:#fff}#fail{background:#fff;color:#635bff}
</style></head>
<body>
<h1>3D Secure 2 test payment page</h1>
<p>This is a sandbox stand-in for your bank's authentication page. Payment of <strong>${escapeHtml(formatAmount(opts.pi.amount, opts.pi.currency))}</strong>.</p>
<div class="buttons">
<button id="complete" type="button" data-testid="3ds-complete">Complete</button>
<button id="fail" type="button" data-testid="3ds-fail">Fail</button>
</div>
<p id="status" role="status"></p>
<script>
(function(){
  var cfg = ${scriptJson(config)};
  function answer(result){
    document.getElementById('status').textContent = 'Authenticating…';
    fetch('/__sandbox/stripe/3ds/' + encodeURIComponent(cfg.id), {
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
