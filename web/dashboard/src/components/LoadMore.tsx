import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { InlineError } from './states.js';

/** The next page of a cursor-paged list, on request. */
export function LoadMore({ query }: { query: Pick<UseInfiniteQueryResult, 'hasNextPage' | 'fetchNextPage' | 'isFetchingNextPage' | 'isFetchNextPageError' | 'error'> }) {
  if (!query.hasNextPage && !query.isFetchNextPageError) return null;
  return (
    <div className="load-more">
      {query.isFetchNextPageError && <InlineError error={query.error} />}
      <button type="button" className="button" disabled={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
        {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
      </button>
    </div>
  );
}
