import { useCallback, useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys.js';
import { searchApi, type MessageSearchResult, type SearchResult } from '../../../api/search.js';

/**
 * Each search asks the server for this many hits (its maximum), newest first, across every
 * chat and the inbox; a search in one chat keeps that chat's messages among them.
 */
export const SEARCH_LIMIT = 100;
/**
 * The search in an open chat waits for this pause in typing: each new set of results moves
 * the chat to its newest match, which should not happen on every keystroke. The chat list's
 * search waits for no pause: a keystroke asks as soon as the server is free (searchInTurn).
 */
export const IN_CHAT_PAUSE_MS = 150;

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

/** The longest a search waits for the one before it (a server that stopped answering must not stall searching). */
const WAIT_FOR_PREVIOUS_MS = 1000;
/** The search on its way, settled or not: the next waits for it. */
let previousSearch: Promise<unknown> = Promise.resolve();

/**
 * One search at a time. The server works through a request to its end even when the page
 * has given up on it, so a fast typist's every prefix would queue there, and a rare one
 * ("量", which only a scan of the user's rows can rule out) would hold up the term typed
 * after it. A search waits for the one before it to be answered; one whose term was typed
 * over meanwhile is never sent. The typist's last term goes as soon as the server is free.
 */
function searchInTurn(term: string, signal: AbortSignal): Promise<SearchResult[]> {
  const before = previousSearch;
  const mine = (async () => {
    await Promise.race([before, new Promise((resolve) => setTimeout(resolve, WAIT_FOR_PREVIOUS_MS))]);
    if (signal.aborted) throw new DOMException('typed over', 'AbortError');
    // Not aborted once sent: its answer tells when the server is free for the next.
    return searchApi.search(term, SEARCH_LIMIT);
  })();
  previousSearch = mine.catch(() => undefined);
  return mine;
}

/** `value` once it has stayed the same for `delay` ms; at once when `delay` is 0. */
function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (delay === 0) return;
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return delay === 0 ? value : settled;
}

/**
 * Messages that contain what the user typed, newest first, once typing has paused for
 * `pauseMs`: in every chat, or in window `cId` only. Notifications found by the same search
 * are left to the inbox. Nothing is searched for an empty term.
 */
export function useMessageSearch(typed: string, { cId, pauseMs = 0 }: { cId?: number; pauseMs?: number } = {}) {
  const wanted = typed.trim();
  const term = useSettled(wanted, pauseMs);
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
    queryFn: async ({ signal }): Promise<Reply> => ({ term, hits: await searchInTurn(term, signal) }),
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
