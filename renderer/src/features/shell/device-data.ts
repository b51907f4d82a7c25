import { useEffect, useState } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { closeOutbox, restoreOutbox } from '../chat/outbox.js';
import { forgetOutboxesExcept } from '../chat/outbox-storage.js';
import { forgetKeptQueriesExcept, keepQueries, restoreKeptQueries } from '../../state/kept-queries.js';

/**
 * This device keeps the signed-in user's last known server state and unsent messages, and
 * nobody else's: signing in as someone else drops the previous user's; signing out drops
 * the kept server state, while the outbox stays for the same user's return (what they sent
 * is never lost by signing out and in again). `userId` is undefined while the saved
 * session is still being read. True once the kept server state is in the cache and the
 * outbox is being restored: the app can show them.
 */
export function useDeviceData(userId: number | null | undefined, queryClient: QueryClient): boolean {
  const [loadedFor, setLoadedFor] = useState<number | null>(null);
  useEffect(() => {
    if (userId === undefined) return; // who is signed in is not known yet
    if (userId === null) {
      closeOutbox();
      void forgetKeptQueriesExcept(null);
      return;
    }
    let current = true;
    let stopKeeping = () => {};
    void (async () => {
      // This user's kept state shows without waiting for the others' to be dropped: it is
      // theirs alone, whatever else the device still holds.
      const forgetting = Promise.all([forgetKeptQueriesExcept(userId), forgetOutboxesExcept(userId)]);
      await restoreKeptQueries(queryClient, userId);
      if (!current) return;
      stopKeeping = keepQueries(queryClient, userId);
      setLoadedFor(userId);
      await forgetting;
      if (current) await restoreOutbox(queryClient, userId);
    })();
    return () => {
      current = false;
      stopKeeping();
    };
  }, [userId, queryClient]);
  return typeof userId === 'number' && loadedFor === userId;
}
