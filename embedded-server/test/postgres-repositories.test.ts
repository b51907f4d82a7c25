import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POPULATE_MESSAGE_CHARACTERS } from '../src/db/migrations/006-short-chinese-search.js';
import { closeDatabase, openDatabase, type Db } from '../src/db/open.js';
import type { Port } from '../src/db/port.js';
import { migratePostgres } from '../src/db/postgres/migrate.js';
import { createPgBadgeRepository } from '../src/db/postgres/repositories/badges.js';
import { createPgMessageRepository } from '../src/db/postgres/repositories/messages.js';
import { createPgNotificationRepository } from '../src/db/postgres/repositories/notifications.js';
import { createPgSearchRepository } from '../src/db/postgres/repositories/search.js';
import { createPgReadRepository } from '../src/db/postgres/repositories/reads.js';
import { createPgSendRepository } from '../src/db/postgres/repositories/sends.js';
import { createPgWindowRepository } from '../src/db/postgres/repositories/windows.js';
import { PgSession } from '../src/db/postgres/session.js';
import { createBadgeRepository } from '../src/db/repositories/badges.js';
import { createMessageRepository } from '../src/db/repositories/messages.js';
import { createNotificationRepository, type NewNotification } from '../src/db/repositories/notifications.js';
import { createSearchRepository } from '../src/db/repositories/search.js';
import { createOfflineMessageRepository } from '../src/db/repositories/offline-messages.js';
import { createReadRepository } from '../src/db/repositories/reads.js';
import { createSendRepository } from '../src/db/repositories/sends.js';
import { createWindowRepository } from '../src/db/repositories/windows.js';
import { NotificationStatus } from '../src/contract/enums.js';
import { message, type MessageFields } from './new-message.js';
import { postgresAvailable, startPostgres, type PostgresService } from './services/postgres.js';

/** One SQLite file and one PostgreSQL database, both migrated and both empty. */
interface Engines {
  db: Db;
  session: PgSession;
  /** Runs the same statement on both (`?` placeholders, which PostgreSQL sees as `$n`). */
  exec(sql: string, values?: unknown[]): Promise<void>;
}

const available = postgresAvailable();
const title = available
  ? 'the PostgreSQL repositories, against the SQLite ones'
  : 'the PostgreSQL repositories (skipped: no PostgreSQL binaries found, set PG_BIN or PG_TEST_URL)';
let folder: string;
let server: PostgresService | undefined;
const opened: { db: Db; session: PgSession }[] = [];

async function openEngines(): Promise<Engines> {
  const session = new PgSession(await server!.createDatabase(), 4);
  await migratePostgres(session);
  const db = openDatabase(join(folder, `${opened.length}.sqlite`));
  opened.push({ db, session });
  return {
    db,
    session,
    async exec(sql, values = []) {
      db.prepare(sql).run(...values);
      let n = 0;
      await session.run(
        sql.replace(/\?/g, () => `$${++n}`),
        values,
      );
    },
  };
}

/** Users 1…count, the rows every other table refers to. */
async function addUsers(engines: Engines, count: number): Promise<void> {
  for (let id = 1; id <= count; id++) {
    await engines.exec(
      `INSERT INTO users (id, username, password_hash, nickname, role, created_at) VALUES (?, ?, 'x', ?, 'MEMBER', 0)`,
      [id, `user${id}`, `用户${id}`],
    );
  }
}

/**
 * The same repository on both engines. `same` calls one method with the same arguments on
 * each and expects the same answer: the SQLite repository's is the reference.
 */
function pair<Repository>(sqlite: Repository, pg: Port<Repository>) {
  return async function same<Result>(
    call: (repository: Repository | Port<Repository>) => Result,
  ): Promise<Awaited<Result>> {
    const expected = await call(sqlite);
    const actual = await call(pg);
    expect(actual).toStrictEqual(expected);
    return actual;
  };
}

/** The SQLite send repository, composed as the store composes it. */
function sqliteSends(db: Db) {
  const messages = createMessageRepository(db);
  const windows = createWindowRepository(db);
  return createSendRepository(
    windows,
    messages,
    createReadRepository(messages, windows, createOfflineMessageRepository(db)),
  );
}

describe.skipIf(!available)(title, () => {
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'messenger-pg-parity-'));
    server = await startPostgres();
  }, 120_000);

  afterAll(async () => {
    for (const { db, session } of opened) {
      closeDatabase(db);
      await session.close();
    }
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  describe('windows', () => {
    it('answers every call as the SQLite one does', async () => {
      const engines = await openEngines();
      await addUsers(engines, 5);
      const same = pair(createWindowRepository(engines.db), createPgWindowRepository(engines.session));
      const badges = pair(createBadgeRepository(engines.db), createPgBadgeRepository(engines.session));

      const direct = await same((r) => r.insert('direct', 2, 1, 100));
      const group = await same((r) => r.insert('group', 1, null, 200));
      const other = await same((r) => r.insert('direct', 3, 4, 300));
      const quiet = await same((r) => r.insert('group', 3, null, 300));
      await same((r) => r.byId(direct));
      await same((r) => r.byId(group));
      await same((r) => r.byId(9999));
      await same((r) => r.directBetween(1, 2));
      await same((r) => r.directBetween(2, 1));
      await same((r) => r.directBetween(1, 3));

      await same((r) => r.addMember(direct, 1, 'direct', 100));
      await same((r) => r.addMember(direct, 2, 'direct', 100));
      await same((r) => r.addMember(group, 1, 'group', 200));
      await same((r) => r.addMember(group, 2, 'group', 210, 5));
      await same((r) => r.addMember(group, 3, 'group', 220, 7));
      await same((r) => r.addMember(group, 3, 'group', 999, 9)); // already a member: nothing changes
      await same((r) => r.addMember(other, 3, 'direct', 300));
      await same((r) => r.addMember(other, 4, 'direct', 300));
      await same((r) => r.addMember(quiet, 3, 'group', 300));
      await same((r) => r.members(group));
      await same((r) => r.members(9999));
      await same((r) => r.membersOf([group, other, 9999]));
      await same((r) => r.membersOf([]));
      await same((r) => r.membership(group, 3));
      await same((r) => r.membership(group, 4));

      // Messages move the windows up their members' lists, unread to all but their senders.
      const sends = pair(sqliteSends(engines.db), createPgSendRepository(engines.session));
      const append = (unreadForAllBut: number | null, fields: MessageFields) =>
        sends((r) => r.append(message(fields), unreadForAllBut));
      await append(1, { objectId: 'w1', windowId: group, fromId: 1, createdAt: 400 });
      await append(2, { objectId: 'w2', windowId: direct, fromId: 2, toId: 1, createdAt: 500 });
      await append(null, {
        objectId: 'w3',
        windowId: group,
        fromId: 1,
        type: 'SYSTEM',
        systemEvent: 'joined',
        createdAt: 600,
      });
      // The same time as `quiet`: ties go by window id.
      await append(4, { objectId: 'w4', windowId: other, fromId: 4, toId: 3, createdAt: 300 });
      for (const userId of [1, 2, 3, 4, 5]) {
        for (const kind of ['direct', 'group'] as const) {
          await same((r) => r.page(userId, kind, false, 10, 0));
          await same((r) => r.page(userId, kind, true, 10, 0));
        }
      }
      await same((r) => r.page(3, 'group', false, 1, 1));
      await same((r) => r.page(3, 'direct', false, 1, 0));
      await same((r) => r.page(3, 'direct', false, 5, 3));

      await same((r) => r.setReadState(group, 2, 12, 0, 0));
      await same((r) => r.setReadState(group, 2, 8, 1, 1)); // the cursor never moves back
      await same((r) => r.membership(group, 2));
      await same((r) => r.members(group)); // reading moved the delivery cursor too
      await same((r) => r.setMentionUnread(group, 3, 4));
      await same((r) => r.mentioned(group, 3));
      await same((r) => r.mentioned(group, 3));
      await same((r) => r.mentioned(group, 5)); // not a member: nothing changes
      await same((r) => r.membership(group, 3));
      await badges((r) => r.of(3, [quiet, group, other]));
      await badges((r) => r.of(5, [group]));

      await same((r) => r.markReceipt(group, 2, 'delivered', 10, 401));
      await same((r) => r.markReceipt(group, 2, 'delivered', 10, 999)); // already marked: the first time stays
      await same((r) => r.markReceipt(group, 2, 'delivered', 12, 601));
      await same((r) => r.markReceipt(group, 2, 'read', 12, 700));
      await same((r) => r.receiptTime(group, 2, 'delivered', 9));
      await same((r) => r.receiptTime(group, 2, 'delivered', 11));
      await same((r) => r.receiptTime(group, 2, 'delivered', 13));
      await same((r) => r.receiptTime(group, 2, 'read', 12));
      await same((r) => r.receiptTime(group, 3, 'read', 1));

      await same((r) => r.advanceDelivered(group, 2, 12));
      await same((r) => r.advanceDelivered(group, 2, 12));
      await same((r) => r.advanceDelivered(group, 2, 5));
      await same((r) => r.members(group));
      for (const userId of [1, 2, 3, 4, 5]) await badges((r) => r.of(userId, [group, other]));

      await same((r) => r.removeMember(group, 3));
      await same((r) => r.removeMember(group, 3));
      await same((r) => r.members(group));
      await same((r) => r.page(3, 'group', false, 10, 0));
    });
  });

  describe('messages', () => {
    it('answers every call as the SQLite one does, remembering nothing between calls', async () => {
      const engines = await openEngines();
      await addUsers(engines, 4);
      const windows = pair(createWindowRepository(engines.db), createPgWindowRepository(engines.session));
      const same = pair(createMessageRepository(engines.db), createPgMessageRepository(engines.session));
      // A send's reads and writes, which the domain reaches only together.
      const sends = pair(sqliteSends(engines.db), createPgSendRepository(engines.session));
      /** Appends a message on both engines, expecting the same message back; its id. */
      const sameId = async (fields: MessageFields) => (await sends((r) => r.append(message(fields), null))).id;
      const direct = await windows((r) => r.insert('direct', 1, 2, 100));
      const group = await windows((r) => r.insert('group', 1, null, 100));
      for (const userId of [1, 2]) {
        await windows((r) => r.addMember(direct, userId, 'direct', 100));
        await windows((r) => r.addMember(group, userId, 'group', 100));
      }

      const m1 = await sameId({
        objectId: 'o1',
        windowId: direct,
        fromId: 1,
        toId: 2,
        body: 'hello',
        clientMsgId: 'c1',
      });
      const m2 = await sameId({
        objectId: 'o2',
        windowId: direct,
        fromId: 2,
        toId: 1,
        type: 'IMAGE',
        attachmentId: 'a1',
        imageSize: 2048,
      });
      const m3 = await sameId({
        objectId: 'o3',
        windowId: direct,
        fromId: 1,
        toId: 2,
        type: 'VOICE',
        attachmentId: 'a2',
        voiceLength: 7,
        channel: 'WX',
        fromArea: '上海',
        createdAt: 1_500,
      });
      const m4 = await sameId({
        objectId: 'o4',
        windowId: direct,
        fromId: 1,
        toId: 2,
        type: 'FILE',
        attachmentId: 'a3',
        fileName: '报告.pdf',
        replyTo: m1,
        forwardedFrom: m2,
        createdAt: 2_000,
      });
      const g1 = await sameId({ objectId: 'g1', windowId: group, fromId: 1, body: '@2 @3 看这里', mentions: [2, 3] });
      const g2 = await sameId({ objectId: 'g2', windowId: group, fromId: 2, body: '@all', mentions: ['all'] });
      // User 3 joins after g2: only later messages were sent to them.
      await windows((r) => r.addMember(group, 3, 'group', 1_000, g2));
      const g3 = await sameId({ objectId: 'g3', windowId: group, fromId: 3, type: 'SYSTEM', systemEvent: 'joined' });
      const chatter: number[] = [];
      for (let i = 0; i < 55; i++) {
        chatter.push(
          await sameId({
            objectId: `c${i}`,
            windowId: group,
            fromId: 1 + (i % 3),
            body: `第${i}条`,
            createdAt: 3_000 + i,
          }),
        );
      }
      const last = chatter.at(-1)!;

      await same((r) => r.addMention(g1, 2, group));
      await same((r) => r.addMention(g1, 3, group));
      await same((r) => r.addMention(g1, 2, group));
      await same((r) => r.addMention(g2, 2, group));
      await same((r) => r.countMentionsAfter(2, group, 0));
      await same((r) => r.countMentionsAfter(2, group, g1));
      await same((r) => r.countMentionsAfter(3, group, 0));
      await same((r) => r.mentionedUsers(g1));
      await same((r) => r.mentionedUsers(9999));

      await same((r) => r.setReaction({ messageId: g1, emoji: '👍', userId: 2 }, true, 10));
      await same((r) => r.setReaction({ messageId: g1, emoji: '👍', userId: 2 }, true, 11));
      await same((r) => r.setReaction({ messageId: g1, emoji: '❤️', userId: 3 }, true, 5));
      await same((r) => r.setReaction({ messageId: g1, emoji: '👍', userId: 1 }, true, 10));
      await same((r) => r.setReaction({ messageId: g2, emoji: '👍', userId: 1 }, true, 1));
      await same((r) => r.reactionsOn([g2, g1, 9999]));
      await same((r) => r.reactionsOn([g2]));
      await same((r) => r.setReaction({ messageId: g2, emoji: '👍', userId: 1 }, false, 20));
      await same((r) => r.setReaction({ messageId: g2, emoji: '👍', userId: 1 }, false, 21));
      await same((r) => r.reactionsOn([g1, g2, g3]));

      await same((r) => r.hide(2, { id: g1, windowId: group }));
      await same((r) => r.hide(2, { id: g1, windowId: group }));
      await same((r) => r.hide(2, { id: g3, windowId: group }));
      await same((r) => r.hiddenIn(2, [group]));
      await same((r) => r.hiddenIn(2, [direct, group]));
      await same((r) => r.hiddenIn(3, [group]));
      await same((r) => r.hiddenIn(2, []));

      // What a send reads first: the membership, the members, and the message it may repeat.
      expect((await sends((r) => r.context(direct, 1, 'c1')))?.earlier?.id).toBe(m1);
      expect((await sends((r) => r.context(direct, 2, 'c1')))?.earlier).toBeUndefined();
      expect((await sends((r) => r.context(group, 3, 'c1')))?.members.map((m) => m.userId)).toEqual([1, 2, 3]);
      expect(await sends((r) => r.context(direct, 3, 'c1'))).toBeUndefined();
      expect(await sends((r) => r.context(9999, 1, 'c1'))).toBeUndefined();
      // And what it writes: the message, the window's latest, the members' activity and unread counts.
      const appended = await sends((r) =>
        r.append(message({ objectId: 'o7', windowId: group, fromId: 2, body: '新消息', createdAt: 2_500 }), 2),
      );
      await sends((r) => r.append(message({ objectId: 'o8', windowId: group, fromId: 1, createdAt: 2_600 }), null));
      await windows((r) => r.byId(group));
      for (const userId of [1, 2, 3])
        expect((await windows((r) => r.membership(group, userId)))?.lastActivityAt).toBe(2_600);
      expect((await windows((r) => r.membership(group, 1)))?.unread).toBe(1);
      await same((r) => r.byId(appended.id));

      for (const id of [m1, m2, m3, m4, g1, g2, g3, 9999]) await same((r) => r.byId(id));
      await same((r) => r.byObjectId('o3'));
      await same((r) => r.byObjectId('nowhere'));
      await same((r) => r.byIds([g3, m1, 9999, g1]));
      await same((r) => r.byIds([]));

      await same((r) => r.latest(group, 2));
      await same((r) => r.latest(group, 50));
      await same((r) => r.latest(group, 60));
      await same((r) => r.latest(direct, 10));
      await same((r) => r.latest(9999, 5));
      await same((r) => r.latestIn([group, direct, 9999], [3, 50, 5]));
      await same((r) => r.latestIn([], []));
      await same((r) => r.forgetAllRecent());
      await same((r) => r.latest(direct, 3));

      // Writes show in the next read (SQLite forgets its kept copy; PostgreSQL keeps none).
      await same((r) => r.editBody({ id: m1, windowId: direct }, 'hello again', 4_000));
      await same((r) => r.latest(direct, 10));
      await same((r) => r.erase({ id: g1, windowId: group }, 5_000));
      await same((r) => r.byId(g1));
      await same((r) => r.mentionedUsers(g1));
      await same((r) => r.reactionsOn([g1]));
      await same((r) => r.countMentionsAfter(3, group, 0));
      await same((r) => r.latest(group, 60));

      await same((r) => r.before(group, chatter[10]!, 3));
      await same((r) => r.before(group, g1, 5));
      await same((r) => r.after(group, g1, 3));
      await same((r) => r.after(group, last, 5));
      await same((r) => r.sentBetween(1, 2, 999, 10));
      await same((r) => r.sentBetween(2, 1, 1_000, 10));
      await same((r) => r.sentBetween(1, 3, 0, 3));

      await same((r) => r.markDelivered({ id: m3, windowId: direct }, 5_500));
      await same((r) => r.markDelivered({ id: m3, windowId: direct }, 5_600));
      await same((r) => r.countUnreadDirect(direct, 2, 0));
      await same((r) => r.countUnreadDirect(direct, 2, m3));

      // What a recipient writes: acknowledgements and reads, each in one write.
      const reads = pair(
        createReadRepository(
          createMessageRepository(engines.db),
          createWindowRepository(engines.db),
          createOfflineMessageRepository(engines.db),
        ),
        createPgReadRepository(engines.session),
      );
      // An acknowledgement delivers the one-to-one messages sent to its user, and their own offline copies.
      const m5 = await sameId({ objectId: 'o5', windowId: direct, fromId: 1, toId: 2, body: '在吗', createdAt: 5_700 });
      const m6 = await sameId({ objectId: 'o6', windowId: direct, fromId: 2, toId: 1, body: '在', createdAt: 5_800 });
      for (const [id, userId, chatMessageId] of [
        ['off5', 2, m5],
        ['off6', 1, m6],
      ] as const)
        await engines.exec(
          `INSERT INTO offline_messages (id, user_id, type, text, extra_info, dealt, chat_message_id, created_at)
           VALUES (?, ?, 0, '', '', 0, ?, 5700)`,
          [id, userId, chatMessageId],
        );
      // m6 is user 2's own, g1 is a group's, 9999 is no message; m3 was delivered before.
      expect(await reads((r) => r.acknowledgeDirect(2, [m6, m5, m3, g1, 9999], 5_900))).toEqual([
        { id: m5, windowId: direct, fromId: 1, deliveredNow: true },
        { id: m3, windowId: direct, fromId: 1, deliveredNow: false },
      ]);
      expect(await reads((r) => r.acknowledgeDirect(2, [m5], 5_950))).toEqual([
        { id: m5, windowId: direct, fromId: 1, deliveredNow: false },
      ]);
      await same((r) => r.byId(m5));
      const copies = 'SELECT id, delivered_at AS "deliveredAt" FROM offline_messages ORDER BY id';
      const sqliteCopies = engines.db.prepare(copies).all();
      expect(sqliteCopies).toEqual([
        { id: 'off5', deliveredAt: 5_900 },
        { id: 'off6', deliveredAt: null },
      ]);
      expect(await engines.session.rows(copies)).toEqual(sqliteCopies);
      // A read is given the member's unread count as its transaction read it (PostgreSQL
      // decrements the row's own, which is the same unless another transaction moved it).
      const unreadOf = (userId: number) =>
        engines.db
          .prepare('SELECT unread_count FROM window_members WHERE window_id = ? AND user_id = ?')
          .pluck()
          .get(direct, userId) as number;
      const setUnread = (userId: number, count: number) =>
        engines.exec('UPDATE window_members SET unread_count = ? WHERE window_id = ? AND user_id = ?', [
          count,
          direct,
          userId,
        ]);
      const readBy2 = (upTo: number, now: number) =>
        reads((r) =>
          r.direct({ windowId: direct, userId: 2, readUpTo: 0, unread: unreadOf(2), upTo, mentionUnread: 0, now }),
        );
      await readBy2(m3, 6_000);
      await readBy2(m4, 6_100);
      await readBy2(m4, 6_200);
      // A read of the whole window by user 2 (m5 still unread), in one write: the messages, the member, the copies.
      await engines.exec(
        `INSERT INTO offline_messages (id, user_id, type, text, extra_info, dealt, chat_message_id, created_at)
         VALUES ('off5-again', 2, 0, '', '', 0, ?, 5700)`,
        [m5],
      );
      await setUnread(2, 4);
      const read = { windowId: direct, userId: 2, readUpTo: 0, unread: 4, upTo: m6, mentionUnread: 0, now: 6_300 };
      expect(await reads((r) => r.direct(read))).toBe(3);
      expect(await reads((r) => r.direct({ ...read, readUpTo: m6, unread: 3, now: 6_400 }))).toBe(3);
      await windows((r) => r.membership(direct, 2));
      await same((r) => r.byId(m5));
      const readCopies = engines.db.prepare(copies).all();
      expect(readCopies).toContainEqual({ id: 'off5-again', deliveredAt: 6_300 });
      expect(await engines.session.rows(copies)).toEqual(readCopies);
      // An answer: user 1 reads what user 2 sent and writes a message, in one write.
      await setUnread(1, 2);
      const answer = { windowId: direct, userId: 1, readUpTo: 0, unread: 2, upTo: m6, mentionUnread: 0, now: 6_500 };
      const reply = message({
        objectId: 'answer',
        windowId: direct,
        fromId: 1,
        toId: 2,
        body: '好的',
        createdAt: 6_500,
      });
      const m7 = (await sends((r) => r.append(reply, 1, answer))).id;
      expect(m7).toBeGreaterThan(m6);
      await windows((r) => r.members(direct));
      await windows((r) => r.membership(direct, 1));
      await windows((r) => r.membership(direct, 2));
      await same((r) => r.byId(m6));
      const answeredCopies = engines.db.prepare(copies).all();
      expect(answeredCopies).toContainEqual({ id: 'off6', deliveredAt: 6_500 });
      expect(await engines.session.rows(copies)).toEqual(answeredCopies);
      await same((r) => r.latest(direct, 10));
      await same((r) => r.countUnreadDirect(direct, 2, 0));
      await same((r) => r.countUnreadDirect(direct, 1, 0));
      await same((r) => r.countUnreadInGroup(group, 2, 0));
      await same((r) => r.countUnreadInGroup(group, 3, g2));
      await same((r) => r.countUnreadInGroup(group, 1, chatter[50]!));

      for (const userId of [1, 2, 3, 4]) {
        await same((r) => r.sinceForMember(userId, 0, 10));
        await same((r) => r.sinceForMember(userId, 0, 100));
        await same((r) => r.sinceForMember(userId, chatter[5]!, 3));
      }
      await same((r) => r.sinceForMember(1, last, 10));
    });
  });

  describe('notifications', () => {
    it('answers every call as the SQLite one does, counters and undo included', async () => {
      const engines = await openEngines();
      await addUsers(engines, 3);
      const same = pair(createNotificationRepository(engines.db), createPgNotificationRepository(engines.session));
      const badges = pair(createBadgeRepository(engines.db), createPgBadgeRepository(engines.session));
      const { unread, read, todo } = NotificationStatus;
      const notification = (fields: Partial<NewNotification> & Pick<NewNotification, 'userId'>): NewNotification => ({
        title: '系统通知',
        content: '内容',
        type: 1,
        subtype: 0,
        params: null,
        createdAt: 100,
        ...fields,
      });

      const n1 = await same((r) => r.insert(notification({ userId: 1 })));
      const n2 = await same((r) =>
        r.insert(notification({ userId: 1, type: 2, params: '{"projectId":"p1"}', createdAt: 200 })),
      );
      const n3 = await same((r) => r.insert(notification({ userId: 1, subtype: 3, createdAt: 300 })));
      const n4 = await same((r) => r.insert(notification({ userId: 2, createdAt: 400 })));
      const n5 = await same((r) => r.insert(notification({ userId: 1, type: 3, createdAt: 500 })));
      await same((r) => r.owned(n1, 1));
      await same((r) => r.owned(n1, 2));
      await same((r) => r.owned(9999, 1));
      await same((r) => r.withStatus(1, unread));
      await same((r) => r.withStatus(1, read));
      for (const userId of [1, 2, 3]) {
        await same((r) => r.counters(userId));
        await badges((r) => r.of(userId, []));
      }
      await same((r) => r.previous(n1));

      await same((r) => r.setStatus(n1, read, 600, 600));
      await same((r) => r.setStatus(n3, read, 650, null)); // read with no time: last by read time
      await same((r) => r.setStatus(n2, read, 700, 700));
      await same((r) => r.setStatus(n2, read, 710, 710)); // the same status: the previous one stays
      await same((r) => r.previous(n1));
      await same((r) => r.previous(n2));
      await same((r) => r.counters(1));
      await same((r) => r.byReadTime(1, read, 0, 10));
      await same((r) => r.byReadTime(1, read, n1, 10));
      await same((r) => r.byReadTime(1, read, 0, 1));
      await same((r) => r.byReadTime(1, todo, 0, 10));

      await same((r) => r.moveAll(1, { from: unread, to: todo, readAt: null }, 800, 3));
      await same((r) => r.moveAll(1, { from: unread, to: todo, readAt: null }, 810, 3));
      await same((r) => r.moveAll(1, { from: read, to: unread, readAt: null }, 900));
      await same((r) => r.moveAll(1, { from: read, to: unread, readAt: null }, 910));
      await same((r) => r.moveAll(2, { from: unread, to: read, readAt: 950 }, 950));
      await same((r) => r.previous(n5));
      await same((r) => r.previous(n4));
      await same((r) => r.setStatus(n5, unread, null, null)); // an undo to a never-changed notification
      for (const userId of [1, 2, 3]) {
        await same((r) => r.counters(userId));
        await badges((r) => r.of(userId, []));
      }

      const filters = [
        { limit: 10 },
        { limit: 2 },
        { status: unread, limit: 10 },
        { status: todo, limit: 10 },
        { type: 1, limit: 10 },
        { status: unread, type: 1, limit: 10 },
        { beforeId: n3, limit: 10 },
        { beforeId: n3, status: unread, limit: 1 },
        { beforeId: n5, type: 1, limit: 10 },
        { beforeId: n5, status: unread, type: 1, limit: 10 },
      ];
      for (const userId of [1, 2, 3]) for (const filter of filters) await same((r) => r.list(userId, filter));

      await same((r) => r.remove(n4));
      await same((r) => r.remove(9999));
      await same((r) => r.owned(n4, 2));
      await same((r) => r.counters(2));
    });
  });

  /** Terms of one, two and three or more characters; Chinese, Latin, punctuation and LIKE's own characters. */
  const TERMS = [
    '天',
    '天气',
    '天气很',
    '天气预报',
    '气天',
    '，',
    '天，气',
    '雨',
    '%',
    '_',
    '\\',
    '100%',
    '0%',
    'r_s',
    'r%s',
    'k\\s',
    '\\%',
    'hello',
    'WORLD',
    'o w',
    'Émile',
    'émile',
    'a',
    'zzz',
  ];

  describe('search', () => {
    it('finds the same messages and notifications as SQLite, in the same order', async () => {
      const engines = await openEngines();
      await addUsers(engines, 4);
      const windows = createWindowRepository(engines.db);
      const messages = createMessageRepository(engines.db);
      const notifications = createNotificationRepository(engines.db);
      const pgWindows = createPgWindowRepository(engines.session);
      const pgMessages = createPgMessageRepository(engines.session);
      const sends = createSendRepository(
        windows,
        messages,
        createReadRepository(messages, windows, createOfflineMessageRepository(engines.db)),
      );
      const pgSends = createPgSendRepository(engines.session);
      const pgNotifications = createPgNotificationRepository(engines.session);
      const same = pair(createSearchRepository(engines.db), createPgSearchRepository(engines.session));

      const addWindow = async (kind: 'direct' | 'group', members: [number, number][]) => {
        const id = windows.insert(kind, members[0]![0], kind === 'direct' ? members[1]![0] : null, 100);
        expect(await pgWindows.insert(kind, members[0]![0], kind === 'direct' ? members[1]![0] : null, 100)).toBe(id);
        for (const [userId, after] of members) {
          windows.addMember(id, userId, kind, 100, after);
          await pgWindows.addMember(id, userId, kind, 100, after);
        }
        return id;
      };
      let sent = 0;
      const say = async (windowId: number, fromId: number, body: string) => {
        const fields = message({ objectId: `s${++sent}`, windowId, fromId, body, createdAt: 1_000 + sent });
        const { id } = sends.append(fields, null);
        expect((await pgSends.append(fields, null)).id).toBe(id);
        return id;
      };
      const notify = async (userId: number, title: string, content: string) => {
        const fields = { userId, title, content, type: 1, subtype: 0, params: null, createdAt: 1_000 + ++sent };
        expect(await pgNotifications.insert(fields)).toBe(notifications.insert(fields));
      };

      const direct = await addWindow('direct', [
        [1, 0],
        [2, 0],
      ]);
      const group = await addWindow('group', [
        [1, 0],
        [2, 0],
      ]);
      const theirs = await addWindow('direct', [
        [3, 0],
        [4, 0],
      ]);
      await say(group, 1, '入群前说的天气'); // before user 3 joins
      const joinedAfter = await say(group, 2, '天气 before');
      windows.addMember(group, 3, 'group', 100, joinedAfter);
      await pgWindows.addMember(group, 3, 'group', 100, joinedAfter);
      const bodies = [
        '今天天气很好',
        '天气预报说明天下雨',
        '天，气',
        '气天',
        '100% 确定',
        'under_score and back\\slash',
        'Hello WORLD',
        'hello world',
        'Émile émile',
        '天',
        'a',
      ];
      for (const [i, body] of bodies.entries())
        await say(i % 2 === 0 ? direct : group, 1 + (i % 3 === 0 ? 1 : 0), body);
      await say(theirs, 3, '天气 secret 100%');
      const recalled = await say(group, 1, '撤回的天气');
      messages.erase({ id: recalled, windowId: group }, 5_000);
      await pgMessages.erase({ id: recalled, windowId: group }, 5_000);
      const edited = await say(direct, 2, '旧的');
      messages.editBody({ id: edited, windowId: direct }, '改过的天气', 5_000);
      await pgMessages.editBody({ id: edited, windowId: direct }, '改过的天气', 5_000);

      await notify(1, '系统通知', '您的天气预报已更新');
      await notify(1, 'Invitation', 'Join 100% now');
      await notify(1, 'under_score', 'back\\slash');
      await notify(1, 'HELLO', '天');
      await notify(2, '天气', 'hello');
      await notify(3, 'Émile', '天，气');

      let found = 0;
      for (const userId of [1, 2, 3, 4]) {
        for (const term of TERMS) {
          for (const limit of [2, 50]) {
            found += (await same((r) => r.messages(userId, term, limit))).length;
            found += (await same((r) => r.notifications(userId, term, limit))).length;
          }
        }
      }
      expect(found).toBeGreaterThan(100); // the answers compared are not all empty
    });
  });

  /** Rows for a caller past OWN_ROWS_SEARCHED_ALONE (20,000), where SQLite turns to its full-text indexes. */
  const MANY = 20_001;

  describe('search, for a caller with many rows', () => {
    it('finds the same rows as SQLite does through its full-text indexes', async () => {
      const engines = await openEngines();
      await addUsers(engines, 5);
      const windows = pair(createWindowRepository(engines.db), createPgWindowRepository(engines.session));
      const same = pair(createSearchRepository(engines.db), createPgSearchRepository(engines.session));
      const busy = await windows((r) => r.insert('group', 1, null, 100));
      const small = await windows((r) => r.insert('direct', 1, 2, 100));
      await windows((r) => r.addMember(busy, 1, 'group', 100));
      await windows((r) => r.addMember(busy, 5, 'group', 100));
      await windows((r) => r.addMember(busy, 3, 'group', 100, 10_007)); // sees the later half only
      await windows((r) => r.addMember(small, 1, 'direct', 100));
      await windows((r) => r.addMember(small, 2, 'direct', 100));

      // The same statements on both engines: every thousandth row holds the rare words.
      const series = `WITH RECURSIVE s (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${MANY})`;
      await engines.exec(
        `${series} INSERT INTO chat_messages (id, object_id, window_id, from_id, body, type, created_at, updated_at)
         SELECT i, 'bulk' || i, ?, 1 + i % 2 * 4,
           CASE WHEN i % 1000 = 7 THEN '下雨天 RAINY Day ' || i ELSE '填充' || i END, 'TEXT', i, i FROM s`,
        [busy],
      );
      await engines.exec(
        `${series} INSERT INTO notifications (id, user_id, title, content, type, subtype, created_at)
         SELECT i, 5, '通知' || i, CASE WHEN i % 1000 = 7 THEN '明天下雨 Rainy' ELSE '无' END, 1, 0, i FROM s`,
      );
      await engines.exec(
        `INSERT INTO chat_messages (id, object_id, window_id, from_id, to_id, body, type, created_at, updated_at)
         VALUES (?, 'small', ?, 2, 1, '小雨 rainy', 'TEXT', ?, ?)`,
        [MANY + 1, small, MANY + 1, MANY + 1],
      );
      // SQLite's store writes a message's full-text rows beside it: rows written by SQL are indexed here.
      engines.db.exec(
        `INSERT INTO chat_messages_fts (chat_messages_fts) VALUES ('rebuild'); ${POPULATE_MESSAGE_CHARACTERS}`,
      );

      const terms = [
        '雨',
        '雨天',
        '下雨天',
        'rainy',
        'RAINY DAY',
        'ainy D',
        '填',
        '填充1',
        '填充20001',
        '充2000',
        '%',
        'zzz',
      ];
      let found = 0;
      for (const userId of [1, 2, 3, 5]) {
        for (const term of terms) {
          for (const limit of [5, 30]) {
            found += (await same((r) => r.messages(userId, term, limit))).length;
            found += (await same((r) => r.notifications(userId, term, limit))).length;
          }
        }
      }
      expect(found).toBeGreaterThan(500);
    }, 120_000); // 20,001 rows of each kind written to both engines
  });
});
