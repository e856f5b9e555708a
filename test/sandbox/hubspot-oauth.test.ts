import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@hubspot/api-client';
import { startHubSpotStandIn, type HubSpotHarness } from './hubspot-harness.js';

let hs: HubSpotHarness;
beforeAll(async () => {
  hs = await startHubSpotStandIn();
});
afterAll(async () => hs.close());

const redirectUri = 'http://localhost:3000/api/v1/hubspot/callback';

async function approveThroughConsentPage(params: Record<string, string>) {
  const page = await fetch(`${hs.url}/oauth/authorize?${new URLSearchParams(params)}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('id="authorize"');
  expect(html).toContain('crm.objects.contacts.write');
  const decision = await fetch(`${hs.url}/oauth/authorize/decision`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...params, portalId: 'new', decision: 'approve' }),
  });
  expect(decision.status).toBe(302);
  return new URL(decision.headers.get('location')!);
}

describe('HubSpot OAuth', () => {
  it('goes from consent page to code, token, API call, expiry and refresh', async () => {
    const clientId = 'sandbox-app';
    const clientSecret = 'sandbox-secret';
    const location = await approveThroughConsentPage({
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: 'oauth crm.objects.contacts.read crm.objects.contacts.write',
      state: 'xyz',
    });
    expect(location.origin + location.pathname).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('xyz');
    const code = location.searchParams.get('code')!;

    const sdk = new Client({ basePath: hs.url });
    const tokens = await sdk.oauth.tokensApi.create('authorization_code', code, redirectUri, clientId, clientSecret);
    expect(tokens.tokenType).toBe('bearer');
    expect(tokens.expiresIn).toBe(1800);
    expect(tokens.accessToken).toBeTruthy();
    expect(tokens.refreshToken).toBeTruthy();

    const again = await fetch(`${hs.url}/oauth/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, client_secret: clientSecret }),
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ status: 'BAD_AUTH_CODE' });

    const info = await sdk.oauth.accessTokensApi.get(tokens.accessToken);
    expect(info.scopes).toEqual(['oauth', 'crm.objects.contacts.read', 'crm.objects.contacts.write']);
    const details = await hs.api(tokens.accessToken, 'GET', '/account-info/v3/details');
    expect(details.body.portalId).toBe(info.hubId);

    const contacts = hs.client(tokens.accessToken);
    await contacts.crm.contacts.basicApi.create({ properties: { email: 'oauth@example.com' }, associations: [] });
    const noScope = await hs.api(tokens.accessToken, 'POST', '/crm/v3/objects/deals', { properties: { dealname: 'x' } });
    expect(noScope.status).toBe(403);
    expect(noScope.body).toMatchObject({ category: 'MISSING_SCOPES', errors: [{ context: { requiredGranularScopes: ['crm.objects.deals.write'] } }] });

    hs.clock.advance(1801 * 1000);
    const expired = await hs.api(tokens.accessToken, 'GET', '/crm/v3/objects/contacts');
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ status: 'error', category: 'EXPIRED_AUTHENTICATION' });
    expect(expired.body.message).toMatch(/^The OAuth token used to make this call expired \d+ second\(s\) ago\.$/);

    const refreshed = await sdk.oauth.tokensApi.create('refresh_token', undefined, undefined, clientId, clientSecret, tokens.refreshToken);
    expect(refreshed.refreshToken).toBe(tokens.refreshToken);
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    const list = await hs.client(refreshed.accessToken).crm.contacts.basicApi.getPage();
    expect(list.results.map((c) => c.properties.email)).toEqual(['oauth@example.com']);
  });

  it('lets tests approve programmatically and connects to an existing portal', async () => {
    const { portalId } = await hs.createPortal();
    const grant = await hs.json('POST', '/__sandbox/hubspot/oauth/authorize', { clientId: 'app', redirectUri, scopes: ['oauth'], state: 's1', portalId });
    expect(grant.body).toMatchObject({ portalId });
    expect(grant.body.location).toContain('state=s1');
    const sdk = new Client({ basePath: hs.url });
    const tokens = await sdk.oauth.tokensApi.create('authorization_code', grant.body.code, redirectUri, 'app', 'anything');
    const info = await sdk.oauth.accessTokensApi.get(tokens.accessToken);
    expect(info.hubId).toBe(portalId);
  });

  it('refuses a wrong secret for a registered app, a wrong redirect URI and an unknown refresh token', async () => {
    const app = await hs.json('POST', '/__sandbox/hubspot/apps', { clientId: 'registered', clientSecret: 'right' });
    expect(app.status).toBe(201);
    const grant = await hs.json('POST', '/__sandbox/hubspot/oauth/authorize', { clientId: 'registered', redirectUri, scopes: 'oauth' });
    const post = (body: Record<string, string>) =>
      fetch(`${hs.url}/oauth/v1/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const base = { grant_type: 'authorization_code', code: grant.body.code, redirect_uri: redirectUri, client_id: 'registered' };
    expect((await post({ ...base, client_secret: 'wrong' })).body.status).toBe('BAD_CLIENT_SECRET');
    expect((await post({ ...base, client_secret: 'right', redirect_uri: 'http://evil.example/cb' })).body.status).toBe('BAD_REDIRECT_URI');
    expect((await post({ grant_type: 'refresh_token', refresh_token: 'nope', client_id: 'registered', client_secret: 'right' })).body.status).toBe('BAD_REFRESH_TOKEN');
    const ok = await post({ ...base, client_secret: 'right' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ token_type: 'bearer', expires_in: 1800 });
  });

  describe('the current token API (2026-03), everything in the body', () => {
    const post = (path: string, body: Record<string, string>) =>
      fetch(`${hs.url}/oauth/2026-03/token${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) }).then(async (r) => {
        const text = await r.text();
        return { status: r.status, body: text ? JSON.parse(text) : undefined };
      });
    const app = { client_id: 'current-app', client_secret: 'current-secret' };

    async function tokens() {
      const { portalId } = await hs.createPortal();
      const grant = await hs.json('POST', '/__sandbox/hubspot/oauth/authorize', { clientId: app.client_id, redirectUri, scopes: ['oauth', 'crm.objects.contacts.read'], portalId });
      const res = await post('', { ...app, grant_type: 'authorization_code', code: grant.body.code, redirect_uri: redirectUri });
      expect(res.status).toBe(200);
      return { portalId, body: res.body };
    }

    it('answers the token request with every field HubSpot returns', async () => {
      const { portalId, body } = await tokens();
      expect(body).toMatchObject({ token_type: 'bearer', token_use: 'access_token', expires_in: 1800, hub_id: portalId, user_id: 1, scopes: ['oauth', 'crm.objects.contacts.read'] });
      expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'hub_id', 'id_token', 'refresh_token', 'scopes', 'token_type', 'token_use', 'user_id']);
      const refreshed = await post('', { ...app, grant_type: 'refresh_token', refresh_token: body.refresh_token });
      expect(refreshed.body.refresh_token).toBe(body.refresh_token);
      expect(refreshed.body.access_token).not.toBe(body.access_token);
    });

    it('introspects access and refresh tokens, and says active: false for one it does not know', async () => {
      const { portalId, body } = await tokens();
      const access = await post('/introspect', { ...app, token: body.access_token, token_type_hint: 'access_token' });
      expect(access.body).toMatchObject({ active: true, token_use: 'access_token', hub_id: portalId, client_id: app.client_id, scopes: ['oauth', 'crm.objects.contacts.read'] });
      expect(access.body.signed_access_token).toMatchObject({ hubId: portalId });
      const refresh = await post('/introspect', { ...app, token: body.refresh_token, token_type_hint: 'refresh_token' });
      expect(refresh.body).toMatchObject({ active: true, token_use: 'refresh_token', hub_id: portalId });
      expect((await post('/introspect', { ...app, token: 'nope' })).body).toEqual({ active: false });
      // Another app's client credentials learn nothing about the token.
      expect((await post('/introspect', { client_id: 'other-app', client_secret: 'x', token: body.access_token })).body).toEqual({ active: false });
    });

    it('revokes a refresh token (an unknown one too, RFC 7009), after which it no longer refreshes', async () => {
      const { body } = await tokens();
      expect((await post('/revoke', { ...app, token: body.refresh_token, token_type_hint: 'refresh_token' })).status).toBe(200);
      expect((await post('/revoke', { ...app, token: 'already-gone' })).status).toBe(200);
      const refused = await post('', { ...app, grant_type: 'refresh_token', refresh_token: body.refresh_token });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ error: 'invalid_grant', status: 'BAD_REFRESH_TOKEN', error_description: expect.any(String), message: expect.any(String) });
    });

    it('refuses missing client credentials with the RFC 6749 error fields beside the old ones', async () => {
      await hs.json('POST', '/__sandbox/hubspot/apps', { clientId: 'strict-app', clientSecret: 'right' });
      const wrong = await post('/introspect', { client_id: 'strict-app', client_secret: 'wrong', token: 'x' });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toMatchObject({ error: 'invalid_client', status: 'BAD_CLIENT_SECRET' });
      expect((await post('/revoke', { token: 'x' })).body).toMatchObject({ error: 'invalid_client', status: 'BAD_CLIENT_ID' });
    });

    it('counts calls by route, so a client still on the deprecated v1 endpoints shows', async () => {
      const before = (await hs.json('GET', '/__sandbox/hubspot/oauth-calls')).body as Record<string, number>;
      await tokens();
      const after = (await hs.json('GET', '/__sandbox/hubspot/oauth-calls')).body as Record<string, number>;
      expect(after['POST /oauth/2026-03/token']).toBe((before['POST /oauth/2026-03/token'] ?? 0) + 1);
    });
  });

  it('redirects with error=access_denied when the user cancels', async () => {
    const res = await fetch(`${hs.url}/oauth/authorize/decision`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'a', redirect_uri: redirectUri, state: 'q', decision: 'deny' }),
    });
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('q');
  });
});
