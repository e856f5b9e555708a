import { useQuery } from '@tanstack/react-query';
import { useDataKey, useSession } from '../auth/session.js';
import { api, networkError, toApiError } from './client.js';
import { useApiMutation } from './mutation.js';
import type { Connection, DealPipeline, Mode, Provider, SandboxUrls } from './types.js';

export function useConnections() {
  const key = useDataKey();
  return useQuery({ queryKey: key('connections'), queryFn: () => api.get<{ data: Connection[] }>('/api/v1/connections').then((r) => r.data) });
}

/**
 * The deal pipelines of the HubSpot portal connected in the current mode (read from HubSpot on each
 * fetch, so kept a minute). Fails with ApiError `not_found` when HubSpot is not connected.
 */
export function useHubSpotPipelines() {
  const key = useDataKey();
  const { mode } = useSession();
  return useQuery({
    queryKey: key('hubspot-pipelines'),
    queryFn: () => api.get<{ data: DealPipeline[] }>(`/api/v1/connections/hubspot/${mode}/pipelines`).then((r) => r.data),
    staleTime: 60_000,
  });
}

/** The forms of the HubSpot portal connected in the current mode (the form editor's picker); only while it is connected. */
export function useHubSpotForms(enabled: boolean) {
  const key = useDataKey();
  const { mode } = useSession();
  return useQuery({
    queryKey: key('hubspot-forms'),
    queryFn: () => api.get<{ portalId: string; data: Array<{ id: string; name: string }> }>(`/api/v1/connections/hubspot/${mode}/forms`),
    staleTime: 60_000,
    enabled,
  });
}

/** A new form in the mode's sandbox portal (email, names, the hidden payment id field), for the editor to pick. */
export const useCreateHubSpotForm = (mode: Mode) =>
  useApiMutation((name: string) => api.post<{ portalId: string; id: string; name: string }>(`/api/v1/connections/hubspot/${mode}/forms`, { name }), {
    success: (made) => `HubSpot form "${made.name}" created in the sandbox portal.`,
  });

export const findConnection = (all: Connection[], provider: Provider, mode: Mode) => all.find((c) => c.provider === provider && c.mode === mode);

/** The sandbox stand-ins' URLs when the server runs in sandbox mode, else null (the server answers 404). */
export function useSandbox() {
  return useQuery({
    queryKey: ['sandbox'],
    staleTime: Infinity,
    queryFn: async (): Promise<SandboxUrls | null> => {
      let response: Response;
      try {
        response = await fetch('/sandbox.json', { headers: { accept: 'application/json' } });
      } catch {
        throw networkError();
      }
      if (response.status === 404) return null;
      if (!response.ok) throw await toApiError(response);
      return (await response.json()) as SandboxUrls;
    },
  });
}

/** Connects a payment provider in a mode with the merchant's credentials (the body its PUT takes: Stripe's keys, PayPal's client id and secret). */
export const useConnectPaymentProvider = (provider: 'stripe' | 'paypal', mode: Mode) =>
  useApiMutation((credentials: Record<string, string>) => api.put<Connection>(`/api/v1/connections/${provider}/${mode}`, credentials), {
    success: `${providerName(provider)} connected in ${mode} mode.`,
  });

/** What a provider's one-step sandbox connection makes at its stand-in. */
const sandboxMade: Record<Provider, string> = { stripe: 'The sandbox Stripe account is', paypal: 'A sandbox PayPal app is', hubspot: 'A sandbox HubSpot portal is' };

/** Sandbox mode: connects a fresh account at the provider's stand-in in one step. */
export const useConnectSandbox = (provider: Provider, mode: Mode) =>
  useApiMutation(() => api.post<Connection>(`/api/v1/connections/${provider}/${mode}/sandbox`), { success: `${sandboxMade[provider]} connected in ${mode} mode.` });

export const useConnectHubSpotToken = (mode: Mode) =>
  useApiMutation((accessToken: string) => api.put<Connection>(`/api/v1/connections/hubspot/${mode}`, { accessToken }), { success: `HubSpot connected in ${mode} mode.` });


/** "Connect with HubSpot": the consent page to send the browser to; HubSpot sends it back to `returnTo`. */
export const useStartHubSpotOAuth = (mode: Mode) =>
  useApiMutation((returnTo: string) => api.post<{ authorizeUrl: string; expiresAt: string }>(`/api/v1/connections/hubspot/${mode}/oauth`, { returnTo }));

export const useDisconnect = (provider: Provider, mode: Mode) =>
  useApiMutation(() => api.delete(`/api/v1/connections/${provider}/${mode}`), { success: `${providerName(provider)} disconnected in ${mode} mode.` });

export const providerName = (provider: Provider) => ({ stripe: 'Stripe', hubspot: 'HubSpot', paypal: 'PayPal' })[provider];
