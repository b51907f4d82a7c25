import type { WindowFilter } from './wire.js';

/** Every server-state cache key, in one place, so WebSocket events patch the right entries. */
export const queryKeys = {
  counts: ['counts'] as const,
  windows: (filter: WindowFilter) => ['windows', filter] as const,
  allWindows: ['windows'] as const,
  history: (cId: number) => ['history', cId] as const,
  /** Who read one of the caller's own messages (asked when the receipts are opened). */
  receipts: (cId: number, id: number) => ['receipts', cId, id] as const,
  inbox: ['inbox'] as const,
  inboxCounts: ['inbox', 'counts'] as const,
  /** The opened notification, for when no loaded list holds it any more. */
  notification: (id: number) => ['inbox', 'notification', id] as const,
  offlineHistory: ['offline-history'] as const,
  projects: ['projects'] as const,
  project: (id: string) => ['project', id] as const,
  /** Under the project's key, so whatever refreshes the project refreshes its invitations too. */
  projectInvitations: (id: string) => ['project', id, 'invitations'] as const,
  /** Who can be invited to the project, for one search term. */
  candidates: (id: string, q: string) => ['project', id, 'candidates', q] as const,
  directory: (q: string) => ['directory', q] as const,
  /** One search of the caller's messages and notifications. */
  search: (q: string, limit: number) => ['search', q, limit] as const,
};
