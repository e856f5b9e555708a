import { api, type QueryValue } from './client.js';
import type { Page } from './types.js';

/** Every row of a cursor-paged list, up to `maxPages` pages of 100 (pickers need the whole set). */
export async function fetchAllPages<T>(path: string, query: Record<string, QueryValue> = {}, maxPages = 10): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page: Page<T> = await api.get<Page<T>>(path, { ...query, limit: 100, cursor });
    rows.push(...page.data);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return rows;
}

/** useInfiniteQuery options for a cursor-paged list. */
export const cursorPaging = {
  initialPageParam: null as string | null,
  getNextPageParam: (last: Page<unknown>) => last.nextCursor,
};
