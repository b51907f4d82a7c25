import { call } from './http.js';
import type { OfflineHistoryMessage, OfflineMessage } from './wire.js';

/** Offline messages (seed 000): invitations and project activity. */
export const offlineApi = {
  /** Hands over (and marks delivered) what waited. */
  take: () => call<OfflineMessage[]>('offline', 'GET', '/offlineMessages'),
  history: (before?: string, limit = 50) =>
    call<OfflineHistoryMessage[]>(
      'offline',
      'GET',
      `/offlineMessages/history?limit=${limit}${before === undefined ? '' : `&before=${before}`}`,
    ),
  answer: (id: string, answer: 'accept' | 'decline') =>
    call<OfflineHistoryMessage[]>('offline', 'POST', `/offlineMessages/${id}/${answer}`),
  /** Takes a decline back (the server allows it for a few seconds). */
  undoDecline: (id: string) => call<OfflineHistoryMessage[]>('offline', 'POST', `/offlineMessages/${id}/undo`),
};
