import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { ModeSchema } from '../../accounts/schemas.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { callHubSpot } from '../../providers/hubspot/hubspot-client.js';
import { createSandboxHubSpotForm } from '../create-sandbox-hubspot-form.js';
import { readConnectedPortal } from '../read-connected-portal.js';

const HubSpotFormSchema = Type.Object({ id: Type.String(), name: Type.String() });

/** GET /api/v1/connections/hubspot/:mode/forms — the connected portal's forms (the form editor's picker), by name. */
export function registerHubSpotForms(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/connections/hubspot/:mode/forms',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['connections'],
        params: Type.Object({ mode: ModeSchema }),
        response: { 200: Type.Object({ portalId: Type.String(), data: Type.Array(HubSpotFormSchema) }) },
      },
    },
    async (request) => {
      const { accountId } = member(request);
      return readConnectedPortal(ctx, accountId, request.params.mode, 'listing the HubSpot forms', async (conn) => {
        const page = await callHubSpot(conn.portalId, () => conn.client.marketing.forms.formsApi.getPage(undefined, 100));
        const data = page.results.filter((f) => !f.archived).map((f) => ({ id: f.id, name: f.name })).sort((a, b) => a.name.localeCompare(b.name));
        return { portalId: conn.portalId, data };
      });
    },
  );

  /** POST /api/v1/connections/hubspot/:mode/forms — a new form in the mode's sandbox portal, ready for the widget (409 for a real portal). */
  app.post(
    '/api/v1/connections/hubspot/:mode/forms',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['connections'],
        params: Type.Object({ mode: ModeSchema }),
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }) }, { additionalProperties: false }),
        response: { 201: Type.Composite([HubSpotFormSchema, Type.Object({ portalId: Type.String() })]) },
      },
    },
    async (request, reply) => {
      const { accountId } = member(request);
      return reply.code(201).send(await createSandboxHubSpotForm(ctx, accountId, request.params.mode, request.body.name.trim()));
    },
  );
}
