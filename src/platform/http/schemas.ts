import { Type, type Static } from '@sinclair/typebox';

/** `GET /sandbox.json` in sandbox mode: the base URLs of the provider stand-ins. */
export const SandboxUrlsSchema = Type.Object({ stripe: Type.String(), hubspot: Type.String(), paypal: Type.String() });
export type SandboxUrls = Static<typeof SandboxUrlsSchema>;
