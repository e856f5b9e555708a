import type { Mode } from '../db/schema.js';

/** The account and mode (test or live) every catalog and form query is filtered by, in code as well as by RLS. */
export interface Scope {
  accountId: string;
  mode: Mode;
}

/** The signed-in member's account and the mode their session is in. */
export function scopeOf(me: { accountId: string; mode: Mode }): Scope {
  return { accountId: me.accountId, mode: me.mode };
}
