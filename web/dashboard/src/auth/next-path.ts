/** Where sign-in sends the member back to: a path of this app only (never another site). */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (/^\/(sign-in|sign-up|invite)\b/.test(next)) return '/';
  return next;
}

/** /sign-in?next=<the current page>[&reason=expired]. */
export function signInPath(location: { pathname: string; search: string; hash?: string }, reason?: 'expired' | 'signed-out'): string {
  const params = new URLSearchParams();
  const here = `${location.pathname}${location.search}${location.hash ?? ''}`;
  if (here !== '/' && !/^\/(sign-in|sign-up|invite)\b/.test(location.pathname)) params.set('next', here);
  if (reason) params.set('reason', reason);
  const search = params.toString();
  return search ? `/sign-in?${search}` : '/sign-in';
}
