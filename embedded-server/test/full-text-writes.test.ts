import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OfflineType } from '../src/contract/enums.js';
import { closeDatabase, openDatabase, type Db } from '../src/db/open.js';
import { createMessageRepository } from '../src/db/repositories/messages.js';
import { createOfflineMessageRepository } from '../src/db/repositories/offline-messages.js';
import { createReadRepository } from '../src/db/repositories/reads.js';
import { createSendRepository } from '../src/db/repositories/sends.js';
import { createUserRepository } from '../src/db/repositories/users.js';
import { createWindowRepository } from '../src/db/repositories/windows.js';
import { message } from './new-message.js';

/**
 * FTS5 keeps the terms written in a transaction in memory and writes them to disk once, at
 * commit, unless a statement opens a statement journal (a savepoint) first: then every
 * full-text table flushes what it holds. What a send and its recipient's acknowledgements
 * and reads write must open none, or a group commit of many sends writes an index segment
 * per message.
 */
describe('the full-text indexes of messages', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'messenger-fts-'));
    db = openDatabase(join(dir, 'messenger.db'));
  });
  afterEach(() => {
    // A failed check may leave its transaction open.
    if (db.inTransaction) db.exec('ROLLBACK');
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  function repositories() {
    const users = createUserRepository(db);
    const windows = createWindowRepository(db);
    const messages = createMessageRepository(db);
    const offline = createOfflineMessageRepository(db);
    const reads = createReadRepository(messages, windows, offline);
    /** A new member's id. */
    const user = (name: string) =>
      users.insert({ username: name, passwordHash: 'x', nickname: name, avatar: '', role: 'MEMBER', createdAt: 1 });
    return { user, windows, messages, offline, reads, sends: createSendRepository(windows, messages, reads) };
  }
  /** Rows on disk of both indexes: they change only when one of them writes a segment. */
  const writtenRows = () =>
    db
      .prepare<[], { n: number }>(
        'SELECT (SELECT count(*) FROM chat_messages_fts_data) + (SELECT count(*) FROM chat_messages_chars_data) AS n',
      )
      .get()!.n;
  const found = (term: string) =>
    db
      .prepare<[string], { id: number }>('SELECT rowid AS id FROM chat_messages_fts WHERE body MATCH ? ORDER BY rowid')
      .all(`"${term}"`)
      .map((row) => row.id);
  const foundByCharacters = (phrase: string) =>
    db
      .prepare<[string], { id: number }>(
        'SELECT rowid AS id FROM chat_messages_chars WHERE body MATCH ? ORDER BY rowid',
      )
      .all(`"${phrase}"`)
      .map((row) => row.id);

  it('are written once, at commit, by a transaction of sends, acknowledgements and reads', () => {
    const { user, windows, messages, offline, reads, sends } = repositories();
    const [a, b, c] = [user('zhangsan'), user('lisi'), user('wangwu')];
    const direct = windows.insert('direct', a, b, 1);
    windows.addMember(direct, a, 'direct', 1);
    windows.addMember(direct, b, 'direct', 1);
    const group = windows.insert('group', a, null, 1);
    for (const member of [a, b, c]) windows.addMember(group, member, 'group', 1);
    // Something on disk already, as in any store in use.
    sends.append(message({ objectId: 'o0', windowId: direct, fromId: a, toId: b, body: '开场' }), a);

    const before = writtenRows();
    db.exec('BEGIN IMMEDIATE');
    const sent: number[] = [];
    for (let i = 1; i <= 6; i++) {
      const inGroup = i % 2 === 0;
      const sentMessage = sends.append(
        message({
          objectId: `o${i}`,
          windowId: inGroup ? group : direct,
          fromId: a,
          toId: inGroup ? null : b,
          body: `第${i}次 review 会议纪要`,
          createdAt: 1_000 + i,
        }),
        a,
      );
      sent.push(sentMessage.id);
      if (inGroup) {
        messages.addMention(sentMessage.id, c, group);
        windows.mentioned(group, c);
      }
      offline.insert({
        id: `copy${i}`,
        userId: b,
        type: inGroup ? OfflineType.groupMessage : OfflineType.privateMessage,
        text: sentMessage.body,
        extraInfo: {},
        dealt: false,
        chatMessageId: sentMessage.id,
        createdAt: 1_000 + i,
      });
    }
    // The recipient acknowledges and reads; a group member's cursors move.
    reads.acknowledgeDirect(b, sent, 2_000);
    windows.advanceDelivered(group, c, sent.at(-1)!);
    windows.markReceipt(group, c, 'delivered', sent.at(-1)!, 2_000);
    reads.direct({
      windowId: direct,
      userId: b,
      readUpTo: 0,
      unread: 4,
      upTo: sent.at(-1)!,
      mentionUnread: 0,
      now: 2_100,
    });
    windows.setReadState(group, c, sent.at(-1)!, 0, 0);
    offline.markDeliveredUpTo(c, 1_000_000, 2_200);
    expect(writtenRows(), 'index rows written before the commit').toBe(before);
    db.exec('COMMIT');

    expect(writtenRows()).toBeGreaterThan(before);
    expect(found('review')).toEqual(sent);
    expect(foundByCharacters('会 议')).toEqual(sent);
  });

  it('hold a message stored outside any transaction, with the message', () => {
    const { user, windows, messages } = repositories();
    const a = user('zhangsan');
    const window = windows.insert('group', a, null, 1);
    const stored = messages.insert(message({ objectId: 'alone', windowId: window, fromId: a, body: 'flamingo 报价' }));
    expect(found('flamingo')).toEqual([stored.id]);
    expect(foundByCharacters('报 价')).toEqual([stored.id]);
    expect(db.inTransaction).toBe(false);
  });
});
