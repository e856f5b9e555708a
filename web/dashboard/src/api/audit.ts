import { useInfiniteQuery } from '@tanstack/react-query';
import { useDataKey } from '../auth/session.js';
import { api } from './client.js';
import type { AuditEntry } from './types.js';

export function useAuditLog() {
  const key = useDataKey();
  return useInfiniteQuery({
    queryKey: key('audit-log'),
    queryFn: ({ pageParam }) => api.get<{ data: AuditEntry[]; nextBefore: number | null }>('/api/v1/audit-log', { limit: 50, before: pageParam }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
  });
}
