import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { setUpDemoShop } from '../set-up-demo-shop.js';

const DemoShopSchema = Type.Object({
  accountId: Type.String(),
  formId: Type.String(),
  hubspotPortalId: Type.String(),
  hubspotFormId: Type.String(),
  hubspotAccessToken: Type.String({ description: 'The sandbox portal’s token (stand-in only; real tokens are never returned).' }),
  demoUrl: Type.String(),
});

/** POST /api/v1/sandbox/demo-shop — sandbox mode only: sets up the demo shop in the caller's account (test mode). */
export function registerDemoShopCreate(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/sandbox/demo-shop',
    { config: { access: 'admin' }, schema: { tags: ['sandbox'], body: Type.Object({}, { additionalProperties: false }), response: { 201: DemoShopSchema } } },
    async (request, reply) => {
      const me = member(request);
      const shop = await setUpDemoShop(ctx, { accountId: me.accountId, userId: me.userId });
      reply.code(201);
      return shop;
    },
  );
}
