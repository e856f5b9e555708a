import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { api, ApiError, onSessionExpired } from '../api/client.js';
import type { Me, Role } from '../api/types.js';
import { ErrorState, FullPageLoading } from '../components/states.js';
import { signInPath } from './next-path.js';

export const meKey = ['me'] as const;

const SessionContext = createContext<Me | null>(null);

/** The signed-in member (user, account, role, mode); only inside the signed-in area. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside the signed-in area');
  return me;
}

const rank: Record<Role, number> = { viewer: 0, admin: 1, owner: 2 };

/** Whether the member may do what needs `role` (the server checks again; this only hides controls). */
export function useCan(role: Role): boolean {
  return rank[useSession().role] >= rank[role];
}

/** Query keys of account data carry the account and the mode, so a list never shows the other mode's rows. */
export function useDataKey() {
  const me = useSession();
  return (...parts: unknown[]) => ['data', me.account.id, me.mode, ...parts];
}

export function useMeQuery() {
  return useQuery({ queryKey: meKey, queryFn: () => api.get<Me>('/api/v1/me') });
}

/** Sends the member to sign-in when any call finds the session gone, remembering the page they were on. */
function SessionExpiryWatcher() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onSessionExpired(() => {
        queryClient.clear();
        navigate(signInPath(location, 'expired'), { replace: true });
      }),
    [navigate, location, queryClient],
  );
  return null;
}

/** The signed-in area: loads /me, or sends the visitor to sign-in with the page to come back to. */
export function RequireSession({ children }: { children?: ReactNode }) {
  const location = useLocation();
  const me = useMeQuery();
  if (me.isPending) return <FullPageLoading label="Loading your dashboard…" />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to={signInPath(location)} replace />;
    return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  }
  return (
    <SessionContext.Provider value={me.data}>
      <SessionExpiryWatcher />
      {children ?? <Outlet />}
    </SessionContext.Provider>
  );
}
