import { useQuery } from '@tanstack/react-query';
import { useDataKey } from '../auth/session.js';
import { api } from './client.js';
import { useApiMutation } from './mutation.js';
import type { CreatedInvite, Invite, Member, Role } from './types.js';

export function useMembers() {
  const key = useDataKey();
  return useQuery({ queryKey: key('members'), queryFn: () => api.get<{ data: Member[] }>('/api/v1/members').then((r) => r.data) });
}

export function useInvites(enabled: boolean) {
  const key = useDataKey();
  return useQuery({ queryKey: key('invites'), enabled, queryFn: () => api.get<{ data: Invite[] }>('/api/v1/invites').then((r) => r.data) });
}

export const useInvite = () =>
  useApiMutation((input: { email: string; role: 'admin' | 'viewer' }) => api.post<CreatedInvite>('/api/v1/invites', input), {
    success: (i) => `Invite link created for ${i.email}.`,
  });

export const useRevokeInvite = () => useApiMutation((invite: Invite) => api.delete(`/api/v1/invites/${invite.id}`), { success: (_, i) => `Invite for ${i.email} revoked.` });

export const useChangeRole = () =>
  useApiMutation(({ userId, role }: { userId: string; role: Role }) => api.patch<Member>(`/api/v1/members/${userId}`, { role }), {
    success: (m) => `${m.email} is now ${m.role}.`,
  });

export const useRemoveMember = () => useApiMutation((m: Member) => api.delete(`/api/v1/members/${m.userId}`), { success: (_, m) => `${m.email} removed from the team.` });
