import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Puts what the server pushed whole into the cache. A fetch of the same entry still on its
 * way is cancelled first: its answer may predate the push and would overwrite it.
 */
export function takePushed<T>(queryClient: QueryClient, queryKey: QueryKey, data: T): void {
  void queryClient.cancelQueries({ queryKey, exact: true });
  queryClient.setQueryData(queryKey, data);
}
