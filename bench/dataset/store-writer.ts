import { tokenHash } from '../../embedded-server/src/auth/tokens.js';
import type { Db } from '../../embedded-server/src/db/open.js';
import { offlineContent } from '../../embedded-server/src/domain/offline-messages.js';
import type { ChatMessage, Project } from '../../embedded-server/src/domain/types.js';
import { offlineMessageId, objectIdFactory } from './ids.js';
import type { PlannedNotification } from './notifications.js';
import { chance, type Random } from './random.js';
import { chatLine } from './text.js';
import type { Timeline } from './timeline.js';
import {
  HOUR,
  MINUTE,
  type PlannedInvitation,
  type PlannedOffline,
  type PlannedProject,
  type PlannedUser,
  type PlannedWindow,
} from './model.js';

/** Of the messages that reached someone, this share came through an offline message (they were offline when it was sent). */
const DIRECT_VIA_OFFLINE = 0.1;
const GROUP_VIA_OFFLINE = 0.015;
const FROM_AREAS = ['127.', '127.', '127.', '192.', '10.'];

export interface StoreContent {
  users: PlannedUser[];
  passwordHash: string;
  tokens: { userId: number; token: string }[];
  /** Ordered by id. */
  windows: PlannedWindow[];
  projects: PlannedProject[];
  invitations: PlannedInvitation[];
  /** Offline messages that are not chat copies (types 2..7). */
  offline: PlannedOffline[];
  timeline: Timeline;
  notifications: PlannedNotification[];
  createdAt: number;
}

export interface StoreStreams {
  words: Random;
  jitter: Random;
  ids: Random;
}

/** Rows written per table. */
export type RowCounts = Record<string, number>;

/**
 * Writes the planned dataset with prepared statements in large transactions, table by
 * table, parents before children. Chat messages are written in id order with their read
 * and delivery times; the offline copies of the ones their recipients were not online
 * for are made on the way, with the server's own texts.
 */
export function writeStore(db: Db, content: StoreContent, streams: StoreStreams): RowCounts {
  const { users, windows, timeline } = content;
  const { words, jitter, ids } = streams;
  const rows: RowCounts = {};
  const count = (table: string, n: number) => (rows[table] = (rows[table] ?? 0) + n);

  db.transaction(() => {
    const insertUser = db.prepare(
      'INSERT INTO users (id, username, password_hash, nickname, avatar, role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const u of users)
      insertUser.run(u.id, u.username, content.passwordHash, u.nickname, u.avatar, u.role, u.createdAt);
    count('users', users.length);
    const insertToken = db.prepare(
      'INSERT INTO tokens (hash, id, user_id, created_at, last_used_at, client) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const { userId, token } of content.tokens) {
      const hash = tokenHash(token);
      // The session id is public and random in the server; here it only has to be unique.
      insertToken.run(
        hash,
        hash.subarray(0, 12).toString('hex'),
        userId,
        content.createdAt,
        content.createdAt,
        'bench',
      );
    }
    count('tokens', content.tokens.length);

    const insertWindow = db.prepare(
      `INSERT INTO chat_windows (id, kind, opener_id, peer_id, pair_low, pair_high, created_at, last_activity_at, last_message_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertMember = db.prepare(
      `INSERT INTO window_members (window_id, user_id, kind, last_activity_at, unread_count, read_up_to, delivered_up_to,
         joined_after, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const w of windows) {
      const [low, high] =
        w.peerId === null ? [null, null] : [Math.min(w.openerId, w.peerId), Math.max(w.openerId, w.peerId)];
      insertWindow.run(w.id, w.kind, w.openerId, w.peerId, low, high, w.createdAt, w.lastActivityAt, w.lastMessageId);
      for (const m of w.members) {
        // One-to-one delivery is kept on the messages; the member's cursor moves with reading.
        const delivered = w.kind === 'direct' ? m.readUpTo : m.seenUpTo;
        insertMember.run(
          w.id,
          m.userId,
          w.kind,
          m.lastActivityAt,
          m.unread,
          m.readUpTo,
          delivered,
          m.joinedAfter,
          m.joinedAt,
        );
      }
      count('window_members', w.members.length);
    }
    count('chat_windows', windows.length);

    const insertProject = db.prepare(
      'INSERT INTO projects (id, name, owner_id, window_id, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    const insertProjectMember = db.prepare(
      'INSERT INTO project_members (project_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)',
    );
    const insertTask = db.prepare(
      'INSERT INTO tasks (id, project_id, name, publisher_id, assignee_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const p of content.projects) {
      insertProject.run(p.id, p.name, p.ownerId, p.window.id, p.createdAt);
      for (const m of p.members) insertProjectMember.run(p.id, m.userId, m.role, m.joinedAt);
      for (const t of p.tasks) insertTask.run(t.id, t.projectId, t.name, t.publisherId, t.assigneeId, t.createdAt);
      count('project_members', p.members.length);
      count('tasks', p.tasks.length);
    }
    count('projects', content.projects.length);
  })();

  const chatCopies = writeMessages(db, content, { words, jitter, ids });
  count('chat_messages', timeline.count);

  db.transaction(() => {
    // Offline messages in the order they were sent: their seq is the order a user receives them in.
    const offline = [...content.offline, ...chatCopies].sort((a, b) => a.createdAt - b.createdAt);
    const insertOffline = db.prepare(
      `INSERT INTO offline_messages (id, user_id, type, text, extra_info, dealt, chat_message_id, created_at, delivered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const o of offline)
      insertOffline.run(
        o.id,
        o.userId,
        o.type,
        o.text,
        JSON.stringify(o.extraInfo),
        o.dealt ? 1 : 0,
        o.chatMessageId,
        o.createdAt,
        o.deliveredAt,
      );
    count('offline_messages', offline.length);

    const insertInvitation = db.prepare(
      `INSERT INTO invitations (kind, project_id, task_id, inviter_id, invitee_id, remark, state, offline_message_id,
         created_at, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const invitations = [...content.invitations].sort((a, b) => a.createdAt - b.createdAt);
    for (const i of invitations)
      insertInvitation.run(
        i.kind,
        i.projectId,
        i.taskId,
        i.inviterId,
        i.inviteeId,
        i.remark,
        i.state,
        i.offline.id,
        i.createdAt,
        i.answeredAt,
      );
    count('invitations', invitations.length);

    const insertNotification = db.prepare(
      `INSERT INTO notifications (user_id, title, content, status, type, subtype, params, created_at, updated_at, read_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const n of content.notifications)
      insertNotification.run(
        n.userId,
        n.title,
        n.content,
        n.status,
        n.type,
        n.subtype,
        n.params,
        n.createdAt,
        n.updatedAt,
        n.readAt,
      );
    count('notifications', content.notifications.length);
  })();
  return rows;
}

/**
 * The chat messages, in id order. A one-to-one message up to its recipient's read cursor
 * is read (and so delivered); up to what they saw, delivered; after their last visit,
 * neither, with an undelivered offline message. A group message is delivered to each
 * member up to their delivery cursor; the rest wait as offline messages.
 */
function writeMessages(db: Db, content: StoreContent, streams: StoreStreams): PlannedOffline[] {
  const { users, windows, timeline, projects } = content;
  const { words, jitter, ids } = streams;
  const byIndex: PlannedWindow[] = [];
  for (const w of windows) byIndex[w.index] = w;
  const projectOf = new Map<number, Project>();
  for (const p of projects)
    projectOf.set(p.window.index, {
      id: p.id,
      name: p.name,
      ownerId: p.ownerId,
      windowId: p.window.id,
      createdAt: p.createdAt,
    });
  const objectId = objectIdFactory(ids);
  const copies: PlannedOffline[] = [];
  const lastSeen = (userId: number) => users[userId - 1]!.lastSeen;
  const soonAfter = (at: number, userId: number, upTo: number) =>
    Math.min(lastSeen(userId), at + 1000 + Math.floor(jitter() ** 4 * upTo));

  const copy = (
    message: ChatMessage,
    recipientId: number,
    project: Project | undefined,
    deliveredAt: number | null,
  ) => {
    const sender = users[message.fromId - 1]!;
    const text = project
      ? offlineContent.groupMessage(sender, project, message)
      : offlineContent.privateMessage(sender, message);
    copies.push({
      id: offlineMessageId(ids),
      userId: recipientId,
      type: text.type,
      text: text.text,
      extraInfo: text.extraInfo,
      dealt: true,
      chatMessageId: message.id,
      createdAt: message.createdAt,
      deliveredAt,
    });
  };

  const insert = db.prepare(
    `INSERT INTO chat_messages (id, object_id, window_id, from_id, to_id, body, type, attachment_id, voice_length,
       image_size, client_msg_id, channel, from_area, created_at, updated_at, delivered_at, read_at)
     VALUES (?, ?, ?, ?, ?, ?, 'TEXT', NULL, -1, -1, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const BATCH = 100_000;
  for (let begin = 0; begin < timeline.count; begin += BATCH) {
    db.transaction(() => {
      for (let i = begin; i < Math.min(timeline.count, begin + BATCH); i++) {
        const id = i + 1;
        const window = byIndex[timeline.windowOf[i]!]!;
        const fromId = timeline.fromOf[i]!;
        const createdAt = timeline.timeOf[i]!;
        let toId: number | null = null;
        let deliveredAt: number | null = null;
        let readAt: number | null = null;
        let pending: number[] = [];
        if (window.kind === 'direct') {
          toId = window.openerId === fromId ? window.peerId! : window.openerId;
          const recipient = window.members[0]!.userId === toId ? window.members[0]! : window.members[1]!;
          if (id <= recipient.readUpTo) {
            readAt = soonAfter(createdAt, toId, 3 * HOUR);
            deliveredAt = Math.min(readAt, soonAfter(createdAt, toId, MINUTE));
          } else if (id <= recipient.seenUpTo) deliveredAt = soonAfter(createdAt, toId, MINUTE);
          else pending = [toId];
        } else {
          pending = [];
          for (const m of window.members)
            if (m.userId !== fromId && id > m.joinedAfter && id > m.seenUpTo) pending.push(m.userId);
        }
        const message: ChatMessage = {
          id,
          objectId: objectId(createdAt, id),
          windowId: window.id,
          fromId,
          toId,
          body: chatLine(words),
          type: 'TEXT',
          attachmentId: null,
          voiceLength: null,
          imageSize: null,
          fileName: null,
          clientMsgId: `m${id.toString(36)}-${fromId.toString(36)}`,
          channel: chance(jitter, 0.1) ? 'WX' : 'PC',
          fromArea: FROM_AREAS[Math.floor(jitter() * FROM_AREAS.length)]!,
          replyTo: null,
          forwardedFrom: null,
          mentions: [],
          systemEvent: null,
          recalledAt: null,
          editedAt: null,
          createdAt,
          updatedAt: readAt ?? createdAt,
          deliveredAt,
          readAt,
        };
        insert.run(
          id,
          message.objectId,
          message.windowId,
          fromId,
          toId,
          message.body,
          message.clientMsgId,
          message.channel,
          message.fromArea,
          createdAt,
          message.updatedAt,
          deliveredAt,
          readAt,
        );

        const project = projectOf.get(window.index);
        for (const recipientId of pending) copy(message, recipientId, project, null);
        if (toId !== null && deliveredAt !== null && chance(jitter, DIRECT_VIA_OFFLINE))
          copy(message, toId, undefined, deliveredAt);
        if (toId === null)
          for (const m of window.members)
            if (m.userId !== fromId && id > m.joinedAfter && id <= m.seenUpTo && chance(jitter, GROUP_VIA_OFFLINE))
              copy(message, m.userId, project, soonAfter(createdAt, m.userId, 6 * HOUR));
      }
    })();
  }
  return copies;
}
