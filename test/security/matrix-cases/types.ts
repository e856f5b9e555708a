import type { Team } from '../../helpers/team.js';

/** Two accounts, A and B, each with an owner, admin and viewer; A's objects named by the domain preparers. */
export interface World {
  a: Team;
  b: Team;
  inviteIdA: string;
  /** Ids of objects created in account A by the preparers, e.g. objects.productId. */
  objects: Record<string, string>;
}

/**
 * How the matrix calls one route:
 * - 'object': acts on one object of account A named in the path/body → another account gets 404.
 * - 'collection': lists or acts on the caller's own account → another account sees none of A's data.
 * - 'anonymous': sign-in routes that need no user (covered by the CSRF and session tests).
 */
export interface Case {
  kind: 'object' | 'collection' | 'anonymous';
  path?: (w: World) => string;
  body?: (w: World) => unknown;
}

/** Creates A's objects for a domain's cases (through the API, as A's owner). */
export type Preparer = (w: World) => Promise<void>;
