/** How a HubSpot connection authenticates: a private app's access token, or OAuth 2.0 tokens. */
export type HubSpotAuthType = 'private_app' | 'oauth';

/** What a HubSpot connection keeps sealed in `provider_connections.credentials`. */
export type HubSpotCredentials =
  | { authType: 'private_app'; accessToken: string }
  | {
      authType: 'oauth';
      accessToken: string;
      refreshToken: string;
      /** When the access token expires (ISO 8601); it is refreshed a few minutes before. */
      expiresAt: string;
    };

/** What a HubSpot connection keeps readable in `provider_connections.public_config` (no secret). */
export interface HubSpotPublicConfig {
  authType: HubSpotAuthType;
  /** The HubSpot account (hub id) the token belongs to, as a string of digits. */
  portalId: string;
  /** e.g. `example.com` for OAuth connections; null when HubSpot does not say. */
  hubDomain: string | null;
  /** Scopes the token was granted, when HubSpot tells (OAuth); empty for private apps. */
  scopes: string[];
  /** When the OnePagePay property group and properties were last ensured in the portal. */
  propertiesEnsuredAt: string;
  /**
   * The currencies the portal takes deals in (its company currency first, then the additional
   * ones), read at connect; absent for connections made before it was read.
   */
  currencies?: string[];
}
