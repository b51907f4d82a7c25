import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { backgroundCheckpointer } from '../../embedded-server/src/db/checkpointer.js';
import { WriterTurn } from '../../embedded-server/src/db/group-commit.js';
import { closeDatabase, openDatabase } from '../../embedded-server/src/db/open.js';
import { unspacedCharacters } from '../../embedded-server/src/db/unspaced-text.js';
import { DATABASE_FILE } from '../../embedded-server/src/server.js';
import { tokenOf, type BenchManifest } from '../dataset/manifest.js';
import { measureLoad, type LoadResult } from '../harness/load.js';

/**
 * Sustained sends through `POST /api/chat/{cId}/messages` at `connections`, each answered
 * once its transaction has committed (WAL, synchronous=NORMAL: it survives a crash of the
 * process; sends that arrive together share a transaction), into the ingest pairs' windows.
 * The recipients are offline, so each send also stores an offline message, as it would for
 * a desktop app that is closed.
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
  /** Only the chat_messages row (its indexes and full-text trigger fire), one a transaction. */
  messageOnly: number;
  /** Everything a send to an offline recipient writes: the message, the window, both members, the offline message. */
  fullSend: number;
  /**
   * The same, `batch` sends a transaction: as many as the server's load can have waiting for one
   * commit (absent from results written before).
   */
  fullSendBatched?: number;
}

/**
 * The floor for ingest: the same rows written with raw better-sqlite3 statements on the same
 * data folder, with the server's pragmas (openDatabase) and its checkpoints taken by the same
 * thread (checkpointer.ts), with no HTTP, validation or domain logic around them: one
 * transaction per message, and `batch` a transaction. Run while the server is stopped.
 */
export async function measureRawIngest(
  dataDir: string,
  manifest: BenchManifest,
  { durationS, batch }: { durationS: number; batch: number },
): Promise<RawIngestFigures & { fullSendBatched: number }> {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  // The floor writes as the store does: each transaction in the writer's turn, which the
  // checkpoint thread takes now and then to start the WAL over.
  const turn = new WriterTurn();
  const checkpointer = backgroundCheckpointer(db, turn);
  try {
    const insertMessage = db.prepare(
      `INSERT INTO chat_messages (object_id, window_id, from_id, to_id, body, type, client_msg_id, channel, from_area,
         created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'TEXT', ?, 'PC', '127.', ?, ?)`,
    );
    // The message's full-text rows, and OR FAIL on the UPDATEs of several rows, as the store writes
    // them: so the indexes write their terms once a transaction (migrations/008-message-index-writes.ts).
    const indexText = db.prepare('INSERT INTO chat_messages_fts (rowid, body) VALUES (?, ?)');
    const indexCharacters = db.prepare('INSERT INTO chat_messages_chars (rowid, body) VALUES (?, ?)');
    const touchWindow = db.prepare('UPDATE chat_windows SET last_activity_at = ?, last_message_id = ? WHERE id = ?');
    const touchMembers = db.prepare('UPDATE OR FAIL window_members SET last_activity_at = ? WHERE window_id = ?');
    const bumpUnread = db.prepare(
      'UPDATE OR FAIL window_members SET unread_count = unread_count + 1 WHERE window_id = ? AND user_id <> ?',
    );
    const insertOffline = db.prepare(
      `INSERT INTO offline_messages (id, user_id, type, text, extra_info, dealt, chat_message_id, created_at)
       VALUES (?, ?, 0, ?, ?, 1, ?, ?)`,
    );
    const run = randomBytes(4).toString('hex');
    const pairs = manifest.ingestPairs;
    let seq = 0;

    /**
     * Messages a second, `perTransaction` of them a transaction. The event loop is let run between
     * transactions, as the server's is, so the checkpoint thread's replies are heard.
     */
    const rate = async (write: (pair: (typeof pairs)[number], now: number) => void, perTransaction = 1) => {
      const started = performance.now();
      let count = 0;
      while (performance.now() - started < durationS * 1000) {
        await turn.take();
        try {
          db.transaction(() => {
            for (let i = 0; i < perTransaction; i++) {
              write(pairs[seq % pairs.length]!, Date.now());
              seq++;
            }
          })();
          checkpointer.committed();
        } finally {
          turn.give();
        }
        count += perTransaction;
        if (count % (perTransaction * 16) === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      return count / ((performance.now() - started) / 1000);
    };
    const message = (pair: (typeof pairs)[number], now: number) => {
      const body = `压测消息 ${seq} load test`;
      const id = Number(
        insertMessage.run(
          randomBytes(12).toString('hex'),
          pair.windowId,
          pair.senderId,
          pair.recipientId,
          body,
          `raw-${run}-${seq}`,
          now,
          now,
        ).lastInsertRowid,
      );
      indexText.run(id, body);
      indexCharacters.run(id, unspacedCharacters(body));
      return id;
    };
    const messageOnly = await rate((pair, now) => void message(pair, now));
    const fullSend = (pair: (typeof pairs)[number], now: number) => {
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
    };
    return {
      messageOnly,
      fullSend: await rate(fullSend),
      fullSendBatched: await rate(fullSend, batch),
    };
  } finally {
    await checkpointer.stop();
    closeDatabase(db);
  }
}
