import type { Migration } from './index.js';

/**
 * A new message's rows in the two full-text indexes are written by the store beside the
 * message (repositories/messages.ts), no longer by triggers.
 *
 * A statement whose trigger writes a full-text table might fail after writing some rows, so
 * SQLite runs it with a statement journal; and opening one makes every FTS5 table written in
 * the transaction flush the terms it holds in memory to disk, as a segment of its own. The
 * sends a group commit holds therefore wrote each index once per message, not once per
 * commit, and merged the segments after: 0.1–0.4 ms of CPU a send. Edits, recalls and deletes
 * keep their triggers: they are rare, and run alone.
 */
export const messageIndexWrites: Migration = {
  version: 8,
  name: 'message index writes',
  up: (db) =>
    db.exec(`
DROP TRIGGER chat_messages_fts_insert;
DROP TRIGGER chat_messages_chars_insert;
`),
};
