import type { OfflineMessage } from '../../api/wire.js';

/** An offline message in seed shape, for tests. */
export function offlineMessage(
  id: string,
  type: number,
  dealt: boolean,
  extraInfo: OfflineMessage['extraInfo'] = {},
): OfflineMessage {
  return { id, msg: `message ${id}`, time: 1_700_000_000_000, type, dealt, extraInfo };
}
