import { createStore, delMany, entries, set, type UseStore } from 'idb-keyval';
import type { Outgoing } from './outbox.js';

/**
 * The outbox on disk (IndexedDB), so what the user sent survives a reload, a crashed window
 * and a restart until the server has it. Each message is kept under [its sender, its
 * clientMsgId], attachments as blobs. Only what a resend needs is kept: the preview URL and
 * the progress of an upload belong to one page's life.
 */
export type StoredOutgoing = Omit<Outgoing, 'previewUrl' | 'progress'>;
type Key = [userId: number, clientMsgId: string];

let store: UseStore | null = null;
/** Opened on first use: a page that never sends never creates the database. */
const outboxStore = () => (store ??= createStore('messenger-outbox', 'outgoing'));

/** A disk that refuses (private browsing, a full quota) leaves the outbox in memory, as before. */
function keepGoing(what: string) {
  return (error: unknown) => console.warn(`The outbox could not ${what}:`, error);
}

export async function storeOutgoing(item: Outgoing): Promise<void> {
  const kept: StoredOutgoing & Partial<Outgoing> = { ...item };
  delete kept.previewUrl;
  delete kept.progress;
  try {
    await set([item.fromId, item.clientMsgId] satisfies Key, kept, outboxStore());
  } catch (error) {
    keepGoing('keep a message')(error);
  }
}

export async function forgetOutgoing(userId: number, clientMsgId: string): Promise<void> {
  try {
    await delMany([[userId, clientMsgId] satisfies Key], outboxStore());
  } catch (error) {
    keepGoing('drop a message')(error);
  }
}

/** What `userId` sent that the server never confirmed, oldest first. */
export async function storedOutbox(userId: number): Promise<StoredOutgoing[]> {
  try {
    const all = await entries<Key, StoredOutgoing>(outboxStore());
    return all
      .filter(([[owner]]) => owner === userId)
      .map(([, item]) => item)
      .sort((a, b) => a.order - b.order);
  } catch (error) {
    keepGoing('be read')(error);
    return [];
  }
}

/** Drops every outbox on this device but `userId`'s (all of them for null). */
export async function forgetOutboxesExcept(userId: number | null): Promise<void> {
  try {
    const all = await entries<Key, StoredOutgoing>(outboxStore());
    const others = all.map(([key]) => key).filter(([owner]) => owner !== userId);
    if (others.length > 0) await delMany(others, outboxStore());
  } catch (error) {
    keepGoing('be cleared')(error);
  }
}
