import type { FastifyInstance } from 'fastify';
import { auth } from './auth.js';
import type { HubSpotStore } from './store.js';

/** Account information: the cheap call the product makes to check that a token works. */
export async function registerAccountRoutes(app: FastifyInstance, store: HubSpotStore) {
  app.get('/account-info/v3/details', async (req) => {
    const { portal } = auth(req);
    return {
      portalId: portal.portalId,
      accountType: 'STANDARD',
      timeZone: portal.timeZone,
      companyCurrency: portal.companyCurrency,
      additionalCurrencies: portal.additionalCurrencies,
      utcOffset: '-05:00',
      utcOffsetMilliseconds: -18_000_000,
      uiDomain: portal.uiDomain,
      dataHostingLocation: portal.dataHostingLocation,
    };
  });

  app.get('/account-info/v3/api-usage/daily/private-apps', async (req) => {
    const { portal } = auth(req);
    const now = store.clock.nowMs();
    const tomorrow = new Date(now);
    tomorrow.setUTCHours(24, 0, 0, 0);
    return {
      results: [{
        name: 'api-calls-daily',
        usageLimit: portal.rateLimit.daily,
        currentUsage: portal.daily.count,
        collectedAt: new Date(now).toISOString(),
        fetchStatus: 'SUCCESS',
        resetsAt: tomorrow.toISOString(),
      }],
    };
  });
}
