import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../src/db/open.js';
import { migrate, silentLog } from '../src/db/migrations/index.js';
import { invitationStates } from '../src/db/migrations/007-invitation-states.js';
import { INVITATION_DEALT_DRIFT } from './recounts.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'messenger-invitations-'));
  file = join(dir, 'messenger.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('takes the task invitations an older store left pending for a task that already had its assignee', () => {
  const old = new Database(file);
  migrate(old, silentLog, invitationStates.version - 1);
  old.exec(`
    INSERT INTO users (id, username, password_hash, nickname, role, created_at) VALUES
      (1, 'owner', 'x', '张三', 'MEMBER', 1), (2, 'taker', 'x', '陈七', 'MEMBER', 1), (3, 'late', 'x', '李四', 'MEMBER', 1);
    INSERT INTO chat_windows (id, kind, opener_id, created_at, last_activity_at) VALUES (1, 'group', 1, 1, 1);
    INSERT INTO projects (id, name, owner_id, window_id, created_at) VALUES ('${'a'.repeat(32)}', '项目', 1, 1, 1);
    INSERT INTO tasks (id, project_id, name, publisher_id, assignee_id, created_at) VALUES
      ('${'b'.repeat(32)}', '${'a'.repeat(32)}', '已指派', 1, 2, 2), ('${'c'.repeat(32)}', '${'a'.repeat(32)}', '未指派', 1, NULL, 2);
    INSERT INTO offline_messages (id, user_id, type, text, extra_info, dealt, created_at) VALUES
      ('aaaaaaaaaaaa', 2, 7, 'x', '{}', 1, 3), ('bbbbbbbbbbbb', 3, 7, 'x', '{}', 0, 4), ('cccccccccccc', 3, 7, 'x', '{}', 0, 5);
    INSERT INTO invitations (kind, project_id, task_id, inviter_id, invitee_id, state, offline_message_id, created_at, answered_at) VALUES
      ('task', '${'a'.repeat(32)}', '${'b'.repeat(32)}', 1, 2, 'accepted', 'aaaaaaaaaaaa', 3, 4),
      ('task', '${'a'.repeat(32)}', '${'b'.repeat(32)}', 1, 3, 'pending', 'bbbbbbbbbbbb', 4, NULL),
      ('task', '${'a'.repeat(32)}', '${'c'.repeat(32)}', 1, 3, 'pending', 'cccccccccccc', 5, NULL);
  `);
  old.close();

  const db = openDatabase(file);
  const states = db
    .prepare(
      'SELECT offline_message_id AS id, state, answered_at AS answeredAt, notice_id AS noticeId FROM invitations ORDER BY id',
    )
    .all();
  expect(states).toEqual([
    { id: 'aaaaaaaaaaaa', state: 'accepted', answeredAt: 4, noticeId: null },
    { id: 'bbbbbbbbbbbb', state: 'taken', answeredAt: 4, noticeId: null },
    { id: 'cccccccccccc', state: 'pending', answeredAt: null, noticeId: null },
  ]);
  expect(db.prepare(INVITATION_DEALT_DRIFT).all()).toEqual([]);
  closeDatabase(db);
});
