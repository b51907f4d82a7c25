import { registerUnspacedCharacters } from '../unspaced-text.js';
import type { Migration } from './index.js';

/**
 * Search for Chinese terms of one or two characters. The trigram index cannot look them up,
 * and LIKE over a heavy user's own messages reads all of them when the term is rare (about
 * 300 ms for the heaviest user of the 1M benchmark). This index holds each message's Han and
 * kana characters one token each (unspaced-text.ts), so such a term is a phrase query.
 *
 * It is an ordinary FTS5 table with its own copy of the tokens (not external content: its
 * text is not a column of chat_messages, and a rebuild or an integrity check must not need
 * the SQL function that makes it). Deletes are secure, like the trigram indexes': a recalled
 * message leaves nothing behind.
 */
export const POPULATE_MESSAGE_CHARACTERS = `INSERT INTO chat_messages_chars (rowid, body)
  SELECT id, unspaced_characters(body) FROM chat_messages WHERE unspaced_characters(body) IS NOT NULL`;

export const shortChineseSearch: Migration = {
  version: 6,
  name: 'short Chinese search',
  up: (db) => {
    registerUnspacedCharacters(db);
    db.exec(`
CREATE VIRTUAL TABLE chat_messages_chars USING fts5(body, tokenize = 'unicode61');
INSERT INTO chat_messages_chars (chat_messages_chars, rank) VALUES ('secure-delete', 1);
${POPULATE_MESSAGE_CHARACTERS};
CREATE TRIGGER chat_messages_chars_insert AFTER INSERT ON chat_messages
  WHEN unspaced_characters(new.body) IS NOT NULL BEGIN
  INSERT INTO chat_messages_chars (rowid, body) VALUES (new.id, unspaced_characters(new.body));
END;
CREATE TRIGGER chat_messages_chars_update AFTER UPDATE OF body ON chat_messages BEGIN
  DELETE FROM chat_messages_chars WHERE rowid = old.id;
  INSERT INTO chat_messages_chars (rowid, body)
    SELECT new.id, unspaced_characters(new.body) WHERE unspaced_characters(new.body) IS NOT NULL;
END;
CREATE TRIGGER chat_messages_chars_delete AFTER DELETE ON chat_messages BEGIN
  DELETE FROM chat_messages_chars WHERE rowid = old.id;
END;
`);
  },
};
