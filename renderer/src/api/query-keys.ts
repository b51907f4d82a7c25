import type { WindowFilter } from './chat.js';

/** Every server-state cache key, in one place, so WebSocket events patch the right entries. */
export const queryKeys = {
  counts: ['counts'] as const,
  me: ['me'] as const,
  windows: (filter: WindowFilter) => ['windows', filter] as const,
  allWindows: ['windows'] as const,
  history: (cId: number) => ['history', cId] as const,
  inbox: ['inbox'] as const,
  inboxCounts: ['inbox', 'counts'] as const,
  offlineHistory: ['offline-history'] as const,
  projects: ['projects'] as const,
  project: (id: string) => ['project', id] as const,
  directory: (q: string) => ['directory', q] as const,
  search: (q: string) => ['search', q] as const,
};
