import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meKey } from '../auth/session.js';
import { useNotify } from '../components/notices.js';
import { api, ApiError, setCsrfToken } from './client.js';
import type { Me, Mode, SignedIn, SignInNext } from './types.js';

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

const signIn = (input: { email: string; password: string }) => api.post<SignedIn>('/api/v1/auth/login', input);

/**
 * Sign-up and an invite accepted without a session answer "sign in next" whether or not the
 * email was registered (so they reveal nothing); the dashboard then signs in through the normal login.
 * A failure there means the email already had a sign-in with another password.
 */
async function signInAfter(email: string, password: string): Promise<SignedIn> {
  try {
    return await signIn({ email, password });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      throw new ApiError(401, err.code, 'If this email already has a OnePagePay sign-in, use its password (or sign in first).', err.requestId);
    }
    throw err;
  }
}

export const useSignIn = () => useSignedInMutation(signIn);

export const useSignUp = () =>
  useSignedInMutation(async (input: { email: string; password: string; name?: string; accountName?: string }) => {
    const next = await api.post<SignInNext>('/api/v1/auth/signup', input);
    return signInAfter(next.email, input.password);
  });

/** Joins the team of an invite: signed in already, at once; otherwise with a password, then sign in, then join. */
export const useAcceptInvite = () =>
  useSignedInMutation(async (input: { token: string; signedIn: boolean; password?: string; name?: string }) => {
    if (!input.signedIn) {
      const next = await api.post<SignInNext>('/api/v1/auth/accept-invite', { token: input.token, password: input.password, name: input.name });
      const signed = await signInAfter(next.email, input.password ?? '');
      setCsrfToken(signed.csrfToken);
    }
    return api.post<SignedIn>('/api/v1/auth/accept-invite', { token: input.token });
  });

/** "Forgot password": asks for a reset link (the answer says nothing of whether the email has a sign-in). */
export const useRequestPasswordReset = () => useMutation({ mutationFn: (email: string) => api.post<{ next: 'check_email'; email: string }>('/api/v1/auth/password-reset', { email }) });

/** The reset link: sets the new password (every session of the user ends), then signs in with it. */
export const useResetPassword = () =>
  useSignedInMutation(async (input: { token: string; password: string }) => {
    const next = await api.post<SignInNext>('/api/v1/auth/password-reset/confirm', input);
    return signIn({ email: next.email, password: input.password });
  });

export const useSwitchAccount = () => useSignedInMutation((accountId: string) => api.put<SignedIn>('/api/v1/me/account', { accountId }));

export function useSwitchMode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mode: Mode) => api.put<Me>('/api/v1/me/mode', { mode }),
    onSuccess: (me) => queryClient.setQueryData<Me>(meKey, me),
  });
}

/** The emails the signed-in member gets about this account (daily summary, sync failure alerts). */
export function useChooseNotifications() {
  const queryClient = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (choice: Me['notifications']) => api.put<Me>('/api/v1/me/notifications', choice),
    onSuccess: (me) => {
      queryClient.setQueryData<Me>(meKey, me);
      notify('Your email notifications are saved.');
    },
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
