import { Type, type Static } from '@sinclair/typebox';
import { ModeSchema } from '../accounts/schemas.js';

export const providers = ['stripe', 'hubspot', 'paypal'] as const;
export type Provider = (typeof providers)[number];

/** What the API shows of a connection: never a secret, only a masked hint and public keys. */
export const ConnectionStateSchema = Type.Object({
  provider: Type.Union(providers.map((p) => Type.Literal(p))),
  mode: ModeSchema,
  connected: Type.Boolean(),
  sandbox: Type.Boolean(),
  hint: Type.Union([Type.String(), Type.Null()], { description: 'A masked hint of the secret key, e.g. sk_test_…4242' }),
  publishableKey: Type.Union([Type.String(), Type.Null()]),
  hubspot: Type.Union([
    Type.Object({
      portalId: Type.String({ description: 'The HubSpot account (hub id)' }),
      hubDomain: Type.Union([Type.String(), Type.Null()]),
      authType: Type.Union([Type.Literal('private_app'), Type.Literal('oauth')]),
      currencies: Type.Array(Type.String(), {
        description: "The currencies the portal takes deals in (company currency first), read at connect; empty when not known (connected before this was read: reconnect)",
      }),
      usage: Type.Optional(
        Type.Object(
          {
            today: Type.Integer({ description: 'HubSpot requests the sync made to this portal today (UTC)' }),
            dailyLimit: Type.Integer({ description: "The most it makes in a day (HUBSPOT_DAILY_LIMIT: its share of HubSpot's daily limit)" }),
            inWindow: Type.Integer({ description: 'Requests in the current rolling window' }),
            windowMax: Type.Integer({ description: 'The most in one window for this kind of app (private app: HUBSPOT_RATE_LIMIT; OAuth app: 110)' }),
            intervalMs: Type.Integer(),
          },
          { description: "How much of HubSpot's limits the sync is using on the portal (the connections list only)" },
        ),
      ),
    }),
    Type.Null(),
  ]),
  createdAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type ConnectionState = Static<typeof ConnectionStateSchema>;

/** A stage of a deal pipeline. */
export const DealStageSchema = Type.Object({
  id: Type.String(),
  label: Type.String(),
  displayOrder: Type.Number(),
  closed: Type.Boolean({ description: "HubSpot's metadata.isClosed: a deal in this stage is won or lost" }),
  probability: Type.Union([Type.Number(), Type.Null()], { description: "HubSpot's metadata.probability (0 to 1), null when the stage has none" }),
});

/** A deal pipeline of the connected HubSpot portal, stages in HubSpot's order. */
export const DealPipelineSchema = Type.Object({ id: Type.String(), label: Type.String(), displayOrder: Type.Number(), stages: Type.Array(DealStageSchema) });
export type DealPipeline = Static<typeof DealPipelineSchema>;
