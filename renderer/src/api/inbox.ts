import type { NotificationStatus } from './contract.js';
import { call } from './http.js';
import type { InboxCounts, Notification } from './wire.js';

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
  readAll: (type?: number) =>
    call<{ updated: number }>('inbox', 'POST', '/message/setread/all', { body: type === undefined ? {} : { type } }),
};
