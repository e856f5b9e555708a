import type { FastifyInstance, FastifyReply } from 'fastify';
import { escapeHtml } from './html.js';
import { grantCode } from './oauth.js';
import type { HubSpotStore } from './store.js';

type Params = Record<string, string | undefined>;

const scopesOf = (params: Params) =>
  [params.scope, params.optional_scope].flatMap((s) => (s ?? '').split(/[\s+,]+/)).filter(Boolean);

function badRequestPage(reply: FastifyReply, message: string) {
  return reply.code(400).type('text/html; charset=utf-8').send(`<!doctype html><meta charset="utf-8"><title>Authorization error</title><p>${escapeHtml(message)}</p>`);
}

function checkParams(params: Params): string | undefined {
  if (!params.client_id) return 'client_id is required';
  if (!params.redirect_uri) return 'redirect_uri is required';
  try {
    const url = new URL(params.redirect_uri);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'redirect_uri must be an http(s) URL';
  } catch {
    return 'redirect_uri is not a valid URL';
  }
  return undefined;
}

function page(store: HubSpotStore, p: Params): string {
  const portals = [...store.portals.values()];
  const options = portals
    .map((portal) => `<option value="${portal.portalId}"${String(portal.portalId) === p.portalId ? ' selected' : ''}>${escapeHtml(portal.name)} (${portal.portalId})</option>`)
    .join('');
  const hidden = ['client_id', 'redirect_uri', 'scope', 'optional_scope', 'state']
    .filter((k) => p[k] !== undefined)
    .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(p[k])}">`)
    .join('');
  const scopes = scopesOf(p).map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('') || '<li>(no scopes requested)</li>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Connect app to HubSpot (sandbox)</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; background: #f5f8fa; color: #33475b; margin: 0; }
  main { max-width: 480px; margin: 48px auto; background: #fff; border: 1px solid #cbd6e2; border-radius: 8px; padding: 32px; }
  h1 { font-size: 20px; margin-top: 0; } .badge { background: #ff7a59; color: #fff; border-radius: 4px; padding: 2px 8px; font-size: 12px; }
  select, button { font: inherit; padding: 8px 12px; border-radius: 4px; } select { width: 100%; border: 1px solid #cbd6e2; }
  .actions { display: flex; gap: 12px; margin-top: 24px; } button { border: 0; cursor: pointer; }
  #authorize { background: #ff7a59; color: #fff; } #deny { background: #eaf0f6; color: #33475b; }
</style></head>
<body><main>
  <h1>Connect <strong>${escapeHtml(p.client_id)}</strong> to HubSpot <span class="badge">sandbox</span></h1>
  <p>This is the OnePagePay sandbox standing in for HubSpot's consent screen. The app asks for:</p>
  <ul>${scopes}</ul>
  <form method="post" action="/oauth/authorize/decision">
    ${hidden}
    <label for="portalId">Account</label>
    <select id="portalId" name="portalId">${options}<option value="new"${portals.length ? '' : ' selected'}>New sandbox portal</option></select>
    <div class="actions">
      <button id="authorize" type="submit" name="decision" value="approve">Authorize</button>
      <button id="deny" type="submit" name="decision" value="deny">Cancel</button>
    </div>
  </form>
</main></body></html>`;
}

/** The consent page standing in for `https://app.hubspot.com/oauth/authorize`, and its decision endpoint. */
export async function registerOAuthConsentRoutes(app: FastifyInstance, store: HubSpotStore) {
  app.get('/oauth/authorize', async (req, reply) => {
    const params = req.query as Params;
    const problem = checkParams(params);
    if (problem) return badRequestPage(reply, problem);
    return reply.type('text/html; charset=utf-8').send(page(store, params));
  });

  app.post('/oauth/authorize/decision', async (req, reply) => {
    const params = (req.body ?? {}) as Params;
    const problem = checkParams(params);
    if (problem) return badRequestPage(reply, problem);
    if (params.decision !== 'approve') {
      const url = new URL(params.redirect_uri!);
      url.searchParams.set('error', 'access_denied');
      if (params.state !== undefined) url.searchParams.set('state', params.state);
      return reply.redirect(url.toString(), 302);
    }
    const portalId = params.portalId && params.portalId !== 'new' ? Number(params.portalId) : undefined;
    const { location } = grantCode(store, {
      clientId: params.client_id!,
      redirectUri: params.redirect_uri!,
      scopes: scopesOf(params),
      state: params.state,
      portalId,
    });
    return reply.redirect(location, 302);
  });
}
