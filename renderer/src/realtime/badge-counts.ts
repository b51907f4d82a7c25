import { queryOptions } from '@tanstack/react-query';
import { accountsApi } from '../api/accounts.js';
import { queryKeys } from '../api/query-keys.js';
import { onServerEvent } from './dispatch.js';
import { takePushed } from './pushed.js';

/**
 * The numbers on the badges. The server pushes them after `ready` and after every change
 * that moves them, so they are fetched only until the first push arrives.
 */
export const badgeCountsQuery = queryOptions({
  queryKey: queryKeys.counts,
  queryFn: () => accountsApi.counts(),
  staleTime: Infinity,
});

onServerEvent('counts', (counts, queryClient) => takePushed(queryClient, queryKeys.counts, counts));
