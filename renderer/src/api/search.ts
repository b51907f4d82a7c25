import { call } from './http.js';
import type { SearchResult } from './wire.js';

export type { Highlight, MessageSearchResult, SearchResult } from './wire.js';

/** The server's search over the caller's messages and notifications (`GET /api/search`), newest first. */
export const searchApi = {
  search: (q: string, limit: number, signal?: AbortSignal) =>
    call<SearchResult[]>('ext', 'GET', `/api/search?${new URLSearchParams({ q, limit: String(limit) })}`, { signal }),
};
