import { MAX_RESTORE_ITEMS, type NotificationStatus } from './contract.js';
import { call } from './http.js';
import type { InboxCounts, InboxRestore, Notification, NotificationStatusItem, ReadAll } from './wire.js';

export type StatusAction = 'setread' | 'settodo' | 'setunread';

/** The notification inbox (seed 001) and its extensions. */
export const inboxApi = {
  list: (filter: { status?: NotificationStatus; type?: number; before?: number; limit?: number }) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value !== undefined) query.set(key, String(value));
    return call<Notification[]>('inbox', 'GET', `/message/list?${query}`);
  },
  counts: () => call<InboxCounts>('inbox', 'GET', '/message/count'),
  setStatus: (id: number, action: StatusAction) => call<string>('inbox', 'POST', `/message/${action}/${id}`),
  /**
   * Marks the unread ones (of one type) read, like `POST /message/setread/all`, and says what
   * each changed notification was before, so it can be undone.
   */
  readAll: (type?: number) =>
    call<ReadAll>('ext', 'POST', '/api/inbox/read-all', { body: type === undefined ? {} : { type } }),
  /** Puts notifications back in the given statuses, in as many requests as the server's limit needs. */
  restore: async (items: readonly NotificationStatusItem[]) => {
    let restored = 0;
    for (let start = 0; start < items.length; start += MAX_RESTORE_ITEMS) {
      const batch = items.slice(start, start + MAX_RESTORE_ITEMS);
      restored += (await call<InboxRestore>('inbox', 'POST', '/message/restore', { body: { items: batch } })).restored;
    }
    return restored;
  },
};
