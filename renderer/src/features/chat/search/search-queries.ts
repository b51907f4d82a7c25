import { useCallback, useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys.js';
import { searchApi, type MessageSearchResult, type SearchResult } from '../../../api/search.js';

/**
 * Each search asks the server for this many hits (its maximum), newest first, across every
 * chat and the inbox; a search in one chat keeps that chat's messages among them.
 */
export const SEARCH_LIMIT = 100;
/** A search waits for this pause in typing, so a word typed fast is one request. */
export const TYPING_PAUSE_MS = 150;

/** The messages found for one term (the term travels with them: the previous ones show while the next load). */
export interface FoundMessages {
  term: string;
  results: MessageSearchResult[];
  /** The server gave as many hits as asked for: there may be more, older ones. */
  more: boolean;
}

interface Reply {
  term: string;
  hits: SearchResult[];
}

function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/**
 * Messages that contain what the user typed, newest first, once typing pauses: in every
 * chat, or in window `cId` only. Notifications found by the same search are left to the
 * inbox. Nothing is searched for an empty term.
 */
export function useMessageSearch(typed: string, cId?: number) {
  const wanted = typed.trim();
  const term = useSettled(wanted, TYPING_PAUSE_MS);
  const select = useCallback(
    ({ term, hits }: Reply): FoundMessages => ({
      term,
      results: hits.filter(
        (hit): hit is MessageSearchResult => hit.kind === 'message' && (cId === undefined || hit.cId === cId),
      ),
      more: hits.length >= SEARCH_LIMIT,
    }),
    [cId],
  );
  const query = useQuery({
    queryKey: queryKeys.search(term, SEARCH_LIMIT),
    queryFn: async ({ signal }): Promise<Reply> => ({ term, hits: await searchApi.search(term, SEARCH_LIMIT, signal) }),
    enabled: term !== '',
    // Messages keep coming: a term searched again is asked again.
    staleTime: 0,
    placeholderData: keepPreviousData,
    select,
  });
  const found = wanted !== '' && term !== '' ? query.data : undefined;
  return {
    found,
    searching: wanted !== '' && (wanted !== term || query.isFetching),
    error: wanted !== '' ? query.error : null,
  };
}
