import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useDataKey } from '../auth/session.js';
import { api } from './client.js';
import { cursorPaging } from './pages.js';
import type { HealthPeriod, Mode, Page, Provider, ProviderHealth } from './types.js';

/** The latest checks of the account's connections; refreshed as often as the monitor checks. */
export function useProviderHealth() {
  const key = useDataKey();
  return useQuery({
    queryKey: key('provider-health'),
    queryFn: () => api.get<ProviderHealth>('/api/v1/provider-health'),
    refetchInterval: (query) => (query.state.data?.intervalSeconds ?? 30) * 1000,
  });
}

export function useHealthHistory(provider: Provider, mode: Mode) {
  const key = useDataKey();
  return useInfiniteQuery({
    queryKey: key('provider-health', provider, mode),
    queryFn: ({ pageParam }) => api.get<Page<HealthPeriod>>(`/api/v1/provider-health/${provider}/${mode}/history`, { cursor: pageParam, limit: 20 }),
    ...cursorPaging,
  });
}
