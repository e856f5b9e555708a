import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meKey } from '../auth/session.js';
import { api, setCsrfToken } from './client.js';
import type { Me, Mode, SignedIn } from './types.js';

/** Sign-in, sign-up and invite acceptance: a new session; nothing cached from before survives. */
function useSignedInMutation<V>(call: (variables: V) => Promise<SignedIn>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (signedIn) => {
      setCsrfToken(signedIn.csrfToken);
      queryClient.removeQueries({ queryKey: ['data'] });
      const { csrfToken: _token, ...me } = signedIn;
      queryClient.setQueryData<Me>(meKey, me);
    },
  });
}

export const useSignIn = () => useSignedInMutation((input: { email: string; password: string }) => api.post<SignedIn>('/api/v1/auth/login', input));

export const useSignUp = () =>
  useSignedInMutation((input: { email: string; password: string; name?: string; accountName?: string }) => api.post<SignedIn>('/api/v1/auth/signup', input));

export const useAcceptInvite = () =>
  useSignedInMutation((input: { token: string; password: string; name?: string }) => api.post<SignedIn>('/api/v1/auth/accept-invite', input));

export const useSwitchAccount = () => useSignedInMutation((accountId: string) => api.put<SignedIn>('/api/v1/me/account', { accountId }));

export function useSwitchMode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mode: Mode) => api.put<Me>('/api/v1/me/mode', { mode }),
    onSuccess: (me) => queryClient.setQueryData<Me>(meKey, me),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/v1/auth/logout'),
    onSuccess: () => {
      setCsrfToken(null);
      queryClient.clear();
    },
  });
}
