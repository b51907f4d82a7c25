import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { closeDatabase, openDatabase } from '../../embedded-server/src/db/open.js';
import { DATABASE_FILE } from '../../embedded-server/src/server.js';
import { tokenOf, type BenchManifest } from '../dataset/manifest.js';
import { measureLoad, type LoadResult } from '../harness/load.js';

/**
 * Sustained sends through `POST /api/chat/{cId}/messages`: ten connections, each send
 * its own transaction committed before the reply (WAL, synchronous=NORMAL: it survives
 * a crash of the process), into the ingest pairs' windows. The recipients are offline,
 * so each send also stores an offline message, as it would for a desktop app that is
 * closed.
 */
export async function measureIngest(
  serverUrl: string,
  manifest: BenchManifest,
  options: { connections: number; durationS: number; warmupS: number },
): Promise<LoadResult> {
  const run = randomBytes(4).toString('hex');
  const senders = manifest.ingestPairs.map(({ windowId, senderId }) => ({
    path: `/api/chat/${windowId}/messages`,
    headers: { authorization: `Bearer ${tokenOf(manifest, senderId)}`, 'content-type': 'application/json' },
  }));
  let seq = 0;
  const result = await measureLoad({
    url: serverUrl,
    method: 'POST',
    connections: options.connections,
    durationS: options.durationS,
    warmupS: options.warmupS,
    timeline: true,
    nextRequest: () => {
      const sender = senders[seq % senders.length]!;
      const body = JSON.stringify({
        message: `压测消息 ${seq} load test`,
        type: 'TEXT',
        clientMsgId: `in-${run}-${seq}`,
      });
      seq++;
      return { ...sender, body };
    },
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`ingest: ${result.non2xx} non-2xx replies, ${result.errors} errors`);
  return result;
}

export interface RawIngestFigures {
  /** Only the chat_messages row (its indexes and full-text trigger fire). */
  messageOnly: number;
  /** Everything a send to an offline recipient writes: the message, the window, both members, the offline message. */
  fullSend: number;
}

/**
 * The floor for ingest: the same rows written with raw better-sqlite3 statements, one
 * transaction per message, on the same data folder and with the server's pragmas
 * (openDatabase), with no HTTP, validation or domain logic around them. Run while the
 * server is stopped.
 */
export function measureRawIngest(dataDir: string, manifest: BenchManifest, durationS: number): RawIngestFigures {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    const insertMessage = db.prepare(
      `INSERT INTO chat_messages (object_id, window_id, from_id, to_id, body, type, client_msg_id, channel, from_area,
         created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'TEXT', ?, 'PC', '127.', ?, ?)`,
    );
    const touchWindow = db.prepare('UPDATE chat_windows SET last_activity_at = ?, last_message_id = ? WHERE id = ?');
    const touchMembers = db.prepare('UPDATE window_members SET last_activity_at = ? WHERE window_id = ?');
    const bumpUnread = db.prepare(
      'UPDATE window_members SET unread_count = unread_count + 1 WHERE window_id = ? AND user_id <> ?',
    );
    const insertOffline = db.prepare(
      `INSERT INTO offline_messages (id, user_id, type, text, extra_info, dealt, chat_message_id, created_at)
       VALUES (?, ?, 0, ?, ?, 1, ?, ?)`,
    );
    const run = randomBytes(4).toString('hex');
    const pairs = manifest.ingestPairs;
    let seq = 0;

    const rate = (write: (pair: (typeof pairs)[number], now: number) => void) => {
      const started = performance.now();
      let count = 0;
      while (performance.now() - started < durationS * 1000) {
        const pair = pairs[seq % pairs.length]!;
        db.transaction(() => write(pair, Date.now()))();
        count++;
        seq++;
      }
      return count / ((performance.now() - started) / 1000);
    };
    const message = (pair: (typeof pairs)[number], now: number) =>
      Number(
        insertMessage.run(
          randomBytes(12).toString('hex'),
          pair.windowId,
          pair.senderId,
          pair.recipientId,
          `压测消息 ${seq} load test`,
          `raw-${run}-${seq}`,
          now,
          now,
        ).lastInsertRowid,
      );
    const messageOnly = rate((pair, now) => void message(pair, now));
    const fullSend = rate((pair, now) => {
      const id = message(pair, now);
      touchWindow.run(now, id, pair.windowId);
      touchMembers.run(now, pair.windowId);
      bumpUnread.run(pair.windowId, pair.senderId);
      insertOffline.run(
        `r${randomBytes(6).toString('hex').slice(0, 11)}`,
        pair.recipientId,
        `给你发来一条私信: 压测消息 ${seq}`,
        JSON.stringify({ fromId: pair.senderId, fromName: 'bench', cId: pair.windowId, messageId: id }),
        id,
        now,
      );
    });
    return { messageOnly, fullSend };
  } finally {
    closeDatabase(db);
  }
}
