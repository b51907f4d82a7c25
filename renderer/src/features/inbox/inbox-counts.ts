import { queryOptions } from '@tanstack/react-query';
import { inboxApi } from '../../api/inbox.js';
import { queryKeys } from '../../api/query-keys.js';

/**
 * The tab counters are the server's: every `counts` event carries them whole, so they are
 * fetched only until the first event arrives, and never counted here.
 */
export const inboxCountsQuery = queryOptions({
  queryKey: queryKeys.inboxCounts,
  queryFn: () => inboxApi.counts(),
  staleTime: Infinity,
});
