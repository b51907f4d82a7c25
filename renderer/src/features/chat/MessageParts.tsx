import type { ChatMessage, UserCard } from '../../api/wire.js';
import { useText, type Translate } from '../../i18n/text.js';
import { chatText } from './chat-text.js';
import { actionsText, type ActionsTextKey } from './message-actions-text.js';
import './message-actions.css';

type People = Map<number, UserCard>;

const nameOf = (people: People, id: number, fallback: string) => people.get(id)?.nickname ?? fallback;

export type Quote = NonNullable<ChatMessage['replyTo']>;

/** The message a reply answers: who said it and a line of it; a click goes to it (once the reply is sent). */
export function ReplyQuote({
  quote,
  people,
  me,
  onJump,
}: {
  quote: Quote;
  people: People;
  me: number;
  onJump: ((messageId: number) => void) | undefined;
}) {
  const t = useText(actionsText);
  const tc = useText(chatText);
  const name =
    quote.fromId === me ? tc('you') : nameOf(people, quote.fromId, tc('unknownSender', { id: quote.fromId }));
  const text = quote.recalled ? tc('recalled') : quote.summary;
  const shown = (
    <>
      <span className="visually-hidden">{t('quoteOf', { name, text })}</span>
      <span className="reply-quote-name" aria-hidden="true">
        {name}
      </span>
      <span className="reply-quote-text" aria-hidden="true">
        {text}
      </span>
    </>
  );
  if (!onJump) return <span className="reply-quote">{shown}</span>;
  return (
    <button type="button" className="reply-quote" title={t('jumpToQuoted')} onClick={() => onJump(quote.id)}>
      {shown}
    </button>
  );
}

/** Who reacted with one emoji, as names: "张三、李四" / "Zhang, Li". */
function reactors(userIds: readonly number[], people: People, t: Translate<ActionsTextKey>, me: number, you: string) {
  return userIds.map((id) => (id === me ? you : nameOf(people, id, `#${id}`))).join(t('nameSeparator'));
}

/** The reactions under a bubble: each emoji with how many, who (in its name and tooltip); a click toggles your own. */
export function ReactionChips({
  message,
  me,
  people,
  onToggle,
}: {
  message: ChatMessage;
  me: number;
  people: People;
  onToggle: (emoji: string) => void;
}) {
  const t = useText(actionsText);
  const tc = useText(chatText);
  return (
    <ul className="reaction-chips" aria-label={t('reactions')}>
      {message.reactions.map(({ emoji, userIds }) => {
        const label = t('reactionChip', {
          emoji,
          count: userIds.length,
          names: reactors(userIds, people, t, me, tc('you')),
        });
        return (
          <li key={emoji}>
            <button
              type="button"
              className="reaction-chip"
              aria-pressed={userIds.includes(me)}
              aria-label={label}
              title={label}
              onClick={() => onToggle(emoji)}
            >
              <span aria-hidden="true">{emoji}</span>
              <span aria-hidden="true">{userIds.length}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** What a centred line says: a member joined, left or was removed; a message was recalled. */
export function noticeText(
  message: ChatMessage,
  me: number,
  people: People,
  t: Translate<ActionsTextKey>,
  unknown: (id: number) => string,
): string {
  const name = nameOf(people, message.fromId, unknown(message.fromId));
  if (message.type === 'SYSTEM') return t(message.system ?? 'joined', { name });
  return message.fromId === me ? t('youRecalled') : t('theyRecalled', { name });
}

/** A line across the history in small type: a system line, or what is left of a recalled message. */
export function NoticeLine({ message, me, people }: { message: ChatMessage; me: number; people: People }) {
  const t = useText(actionsText);
  const tc = useText(chatText);
  return (
    <p className="notice-line" data-message-id={message.id}>
      <span>{noticeText(message, me, people, t, (id) => tc('unknownSender', { id }))}</span>
    </p>
  );
}
