import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useDataKey } from '../auth/session.js';
import { api } from './client.js';
import { useApiMutation } from './mutation.js';
import { cursorPaging } from './pages.js';
import type { Page, SyncStatus } from './types.js';

/** Where a payment's HubSpot sync stands; polled while a sync is under way. */
export function useSyncStatus(transactionId: string) {
  const key = useDataKey();
  return useQuery({
    queryKey: key('sync', transactionId),
    queryFn: () => api.get<SyncStatus>(`/api/v1/sync/transactions/${encodeURIComponent(transactionId)}`),
    refetchInterval: (query) => (query.state.data?.state === 'pending' || query.state.data?.state === 'retrying' ? 3000 : false),
  });
}

export function useSyncFailures() {
  const key = useDataKey();
  return useInfiniteQuery({
    queryKey: key('sync-failures'),
    queryFn: ({ pageParam }) => api.get<Page<SyncStatus>>('/api/v1/sync/failures', { cursor: pageParam, limit: 50 }),
    ...cursorPaging,
  });
}

export const useRetrySync = () =>
  useApiMutation(({ transactionId, email }: { transactionId: string; email?: string }) =>
    api.post<SyncStatus>(`/api/v1/sync/transactions/${encodeURIComponent(transactionId)}/retry`, email ? { email } : {}),
  { success: 'Sync started again.' });

export const useRetryAllSyncs = () =>
  useApiMutation(() => api.post<{ retried: number }>('/api/v1/sync/failures/retry'), {
    success: ({ retried }) => (retried === 0 ? 'Nothing to retry.' : `${retried} payment${retried === 1 ? '' : 's'} will sync again.`),
  });
