/**
 * Every chat window member's stored unread counter beside a recount from the messages:
 * a one-to-one member has unread what was sent to them and not read; a group member,
 * what others sent past their read cursor (system lines are never unread). The tests expect
 * the two columns to agree.
 */
export const UNREAD_COUNTER_RECOUNT = `
  SELECT m.window_id, m.user_id, m.unread_count,
    CASE w.kind
      WHEN 'direct' THEN (SELECT count(*) FROM chat_messages c
                          WHERE c.window_id = m.window_id AND c.to_id = m.user_id AND c.read_at IS NULL)
      ELSE (SELECT count(*) FROM chat_messages c
            WHERE c.window_id = m.window_id AND c.from_id <> m.user_id AND c.id > m.read_up_to
              AND c.type <> 'SYSTEM')
    END AS recount
  FROM window_members m JOIN chat_windows w ON w.id = m.window_id`;

/** A user's unread mentions, recounted: messages that mention them past their read cursor. */
export const MENTION_RECOUNT = `
  SELECT count(*) AS n FROM message_mentions mm
  JOIN window_members m ON m.window_id = mm.window_id AND m.user_id = mm.user_id
  WHERE mm.user_id = ? AND mm.message_id > m.read_up_to`;

/** Inbox counters that disagree with a GROUP BY over the notifications (none, when they are kept right). */
export const INBOX_COUNTER_DRIFT = `
  SELECT * FROM (
    SELECT user_id, type, status, count(*) AS n FROM notifications GROUP BY user_id, type, status
  ) r FULL OUTER JOIN (SELECT * FROM inbox_counters WHERE n <> 0) c
    ON c.user_id = r.user_id AND c.type = r.type AND c.status = r.status
  WHERE r.n IS DISTINCT FROM c.n`;

/**
 * Invitations whose offline message says otherwise: it is dealt exactly when the invitation
 * no longer waits for an answer (none, when the two are kept together).
 */
export const INVITATION_DEALT_DRIFT = `
  SELECT i.id, i.state, o.dealt FROM invitations i JOIN offline_messages o ON o.id = i.offline_message_id
  WHERE o.dealt <> CASE WHEN i.state = 'pending' THEN 0 ELSE 1 END`;
