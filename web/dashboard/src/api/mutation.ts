import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNotify } from '../components/notices.js';

/**
 * A state-changing call: on success every account-data query is refetched (lists, details,
 * onboarding) and an optional confirmation is announced; the caller shows `error` inline.
 */
export function useApiMutation<V, R>(mutationFn: (variables: V) => Promise<R>, options: { success?: string | ((result: R, variables: V) => string) } = {}) {
  const queryClient = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn,
    onSuccess: async (result, variables) => {
      await queryClient.invalidateQueries({ queryKey: ['data'] });
      const { success } = options;
      if (success) notify(typeof success === 'function' ? success(result, variables) : success);
    },
  });
}
