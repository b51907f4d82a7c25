import { useState } from 'react';
import { messageSummary, type MessageType } from '../../api/contract.js';
import type { UserCard } from '../../api/wire.js';
import { Avatar } from '../../components/Avatar.js';
import { defineText, useFormats, useText } from '../../i18n/text.js';
import { chatText } from './chat-text.js';
import { FileCard } from './FileCard.js';
import type { CachedMessage } from './history.js';
import { actionsText } from './message-actions-text.js';
import { MessageMenu, type MessageDialog } from './MessageMenu.js';
import { summary } from './summary.js';
import type { MessageActions } from './message-mutations.js';
import { ReactionChips, ReplyQuote, type Quote } from './MessageParts.js';
import { mentionsMe } from './message-rules.js';
import type { Outgoing, Quoted, SendFailure } from './outbox.js';
import { VoicePlayer } from './VoicePlayer.js';

/** Why the server refused a message; a message that was merely interrupted needs no reason. */
const refusalText = defineText({
  'zh-CN': {
    'unsupported-type': '不支持的文件类型',
    'too-large': '文件过大',
    refused: '服务器拒绝了这条消息',
  },
  en: {
    'unsupported-type': 'This file type is not supported',
    'too-large': 'The file is too large',
    refused: 'The server refused this message',
  },
});

export type Delivery = 'uploading' | 'sending' | 'queued' | 'failed' | 'sent' | 'delivered' | 'read';

/** A message as a bubble shows it, whether the server has it yet or not. */
export interface Bubble {
  id: number | null;
  clientMsgId: string | null;
  fromId: number;
  type: MessageType;
  text: string;
  mediaUrl: string | null;
  voiceLength: number;
  fileName: string | null;
  created_at: string;
  delivery: Delivery;
  /** Why the server refused it, while `delivery` is 'failed'. */
  failure: SendFailure | null;
  progress: number;
  forwarded: boolean;
  edited: boolean;
  /** The message it answers. */
  quote: Quote | null;
}

/**
 * One-to-one receipts are on the message itself, so a reload shows them as they were; a
 * group's is `status`, read by every other member.
 */
function deliveryOf(message: CachedMessage): Delivery {
  if (message.status || message.readAt !== null) return 'read';
  return message.deliveredAt !== null ? 'delivered' : 'sent';
}

export function messageBubble(message: CachedMessage): Bubble {
  return {
    id: message.id,
    clientMsgId: message.clientMsgId,
    fromId: message.fromId,
    type: message.type,
    text: message.message,
    mediaUrl: message.attachment?.url ?? null,
    voiceLength: message.voiceLength,
    fileName: message.fileName,
    created_at: message.created_at,
    delivery: deliveryOf(message),
    failure: null,
    progress: 1,
    forwarded: message.forwarded,
    edited: message.editedAt !== null,
    quote: message.replyTo,
  };
}

/** A message on its way quotes what it answers as the server will: one line by the summary rule. */
function outgoingQuote({ id, fromId, type, message, fileName, recalled }: Quoted): Quote {
  return { id, fromId, recalled, summary: messageSummary({ type, text: message, fileName, recalled }) };
}

export function outgoingBubble(item: Outgoing): Bubble {
  return {
    id: null,
    clientMsgId: item.clientMsgId,
    fromId: item.fromId,
    type: item.type,
    text: item.text,
    mediaUrl: item.previewUrl ?? null,
    voiceLength: item.voiceLength ?? -1,
    fileName: item.fileName ?? null,
    created_at: item.created_at,
    delivery: item.state,
    failure: item.state === 'failed' ? (item.failure ?? 'refused') : null,
    progress: item.progress,
    forwarded: item.forwardOf !== undefined,
    edited: false,
    quote: item.replyTo ? outgoingQuote(item.replyTo) : null,
  };
}

function Ticks({ delivery }: { delivery: Delivery }) {
  const t = useText(chatText);
  if (delivery !== 'sent' && delivery !== 'delivered' && delivery !== 'read') return null;
  return (
    <span className={`ticks ${delivery}`} role="img" aria-label={t(delivery)}>
      {delivery === 'sent' ? '✓' : '✓✓'}
    </span>
  );
}

/**
 * What a message that did not go offers: one the server refused says why, and can only be
 * deleted; one waiting for the connection goes by itself, or at once on "retry now".
 */
function UnsentActions({
  delivery,
  failure,
  onRetry,
  onDiscard,
}: {
  delivery: 'queued' | 'failed';
  failure: SendFailure | null;
  onRetry: () => void;
  onDiscard: () => void;
}) {
  const t = useText(chatText);
  const why = useText(refusalText);
  return (
    <>
      {delivery === 'failed' ? (
        <>
          <span className="message-failed">{t('failed')}</span>
          {failure && failure !== 'interrupted' && <span>{why(failure)}</span>}
        </>
      ) : (
        <>
          <span className="message-queued">{t('queued')}</span>
          <button type="button" className="link-button" onClick={onRetry}>
            {t('retryNow')}
          </button>
        </>
      )}
      <button type="button" className="link-button" onClick={onDiscard}>
        {t('discard')}
      </button>
    </>
  );
}

function ImageContent({ url, onOpen }: { url: string; onOpen: (url: string) => void }) {
  const t = useText(chatText);
  const [broken, setBroken] = useState(false);
  if (broken) return <span className="image-broken">{t('imageUnavailable')}</span>;
  return (
    <button type="button" className="image-thumb" aria-label={t('openImage')} onClick={() => onOpen(url)}>
      <img src={url} alt={t('imageAlt')} onError={() => setBroken(true)} />
    </button>
  );
}

/** What a message the server has adds to its bubble: its menu, its quote, reactions and receipts. */
export interface SentParts {
  message: CachedMessage;
  actions: MessageActions;
  /** A group message of the user's own: how many members have yet to read it. */
  unread: number | null;
  onDialog: (dialog: MessageDialog) => void;
  onJump: (messageId: number) => void;
}

function MessageBody({ bubble, onOpenImage }: { bubble: Bubble; onOpenImage: (url: string) => void }) {
  const t = useText(chatText);
  return (
    <>
      {bubble.type === 'IMAGE' && bubble.mediaUrl && <ImageContent url={bubble.mediaUrl} onOpen={onOpenImage} />}
      {bubble.type === 'VOICE' && <VoicePlayer url={bubble.mediaUrl} length={bubble.voiceLength} />}
      {bubble.type === 'FILE' && <FileCard name={bubble.fileName} url={bubble.mediaUrl} />}
      {bubble.text && <p className="message-text">{bubble.text}</p>}
      {bubble.delivery === 'uploading' && (
        <progress className="upload-progress" aria-label={t('uploadProgress')} max={1} value={bubble.progress} />
      )}
    </>
  );
}

/**
 * One message: own on the right, others' on the left (in a group, each with the
 * sender's avatar and name, so a row looks the same whatever is loaded around it). Text
 * is always rendered as text, never as markup. A message the server has (`sent`) also
 * has its menu, the message it replies to, its reactions and, in a group, who read it.
 */
export function MessageBubble({
  bubble,
  own,
  joined,
  sender,
  group,
  me,
  people,
  sent,
  onOpenImage,
  onRetry,
  onDiscard,
}: {
  bubble: Bubble;
  own: boolean;
  joined: boolean;
  sender: UserCard | undefined;
  group: boolean;
  me: number;
  /** Who may be named in it: a quote's author, reactors. */
  people: Map<number, UserCard>;
  sent?: SentParts;
  onOpenImage: (url: string) => void;
  onRetry: (clientMsgId: string) => void;
  onDiscard: (clientMsgId: string) => void;
}) {
  const t = useText(chatText);
  const ta = useText(actionsText);
  const formats = useFormats();
  const name = sender?.nickname ?? t('unknownSender', { id: bubble.fromId });
  const { delivery } = bubble;
  const mentioned = sent !== undefined && mentionsMe(sent.message, me);
  const [near, setNear] = useState(false);
  const classes = ['message-row', own ? 'own' : 'theirs', joined ? 'joined' : '', `delivery-${delivery}`];
  // Who said what, then when: a reader of the page (or a test) finds a message by its words.
  const label = t('messageLabel', {
    name: own ? t('you') : name,
    text: summary({ type: bubble.type, message: bubble.text, fileName: bubble.fileName }, t),
    time: formats.time(bubble.created_at),
  });

  const content = (
    <>
      {group && !own && <span className="message-sender">{name}</span>}
      <div className={`bubble bubble-${bubble.type.toLowerCase()}${mentioned ? ' mentioned' : ''}`}>
        {bubble.forwarded && <span className="forwarded-label">{ta('forwarded')}</span>}
        {bubble.quote && <ReplyQuote quote={bubble.quote} people={people} me={me} onJump={sent?.onJump} />}
        <MessageBody bubble={bubble} onOpenImage={onOpenImage} />
        {mentioned && <span className="visually-hidden">{ta('mentionedYou')}</span>}
      </div>
      {sent && sent.message.reactions.length > 0 && (
        <ReactionChips message={sent.message} me={me} people={people} onToggle={sent.actions.toggleReaction} />
      )}
      <span className="message-meta">
        <time dateTime={bubble.created_at}>{formats.time(bubble.created_at)}</time>
        {bubble.edited && <span className="edited-mark">{ta('edited')}</span>}
        {own && <Ticks delivery={delivery} />}
        {sent && sent.unread !== null && (
          <button
            type="button"
            className="link-button group-unread"
            onClick={() => sent.onDialog({ kind: 'receipts', message: sent.message })}
          >
            {sent.unread > 0 ? ta('groupUnread', { count: sent.unread }) : ta('allRead')}
          </button>
        )}
        {delivery === 'uploading' && <span>{t('uploading', { percent: Math.round(bubble.progress * 100) })}</span>}
        {delivery === 'sending' && <span>{t('sending')}</span>}
        {(delivery === 'queued' || delivery === 'failed') && bubble.clientMsgId && (
          <UnsentActions
            delivery={delivery}
            failure={bubble.failure}
            onRetry={() => onRetry(bubble.clientMsgId!)}
            onDiscard={() => onDiscard(bubble.clientMsgId!)}
          />
        )}
      </span>
    </>
  );

  return (
    <div
      className={classes.join(' ')}
      data-message-id={bubble.id ?? undefined}
      onMouseEnter={() => setNear(true)}
      onMouseLeave={() => setNear(false)}
      onFocus={() => setNear(true)}
      onBlur={(event) => !event.currentTarget.contains(event.relatedTarget) && setNear(false)}
    >
      {group && !own && <Avatar name={name} image={sender?.image} id={bubble.fromId} size={32} />}
      {sent ? (
        <MessageMenu
          className="message-column"
          label={label}
          message={sent.message}
          me={me}
          actions={sent.actions}
          onDialog={sent.onDialog}
          offerButton={near}
        >
          {content}
        </MessageMenu>
      ) : (
        <div className="message-column" role="article" aria-label={label}>
          {content}
        </div>
      )}
    </div>
  );
}
