import { useState } from 'react';
import type { MessageType } from '../../api/contract.js';
import type { UserCard } from '../../api/wire.js';
import { Avatar } from '../../components/Avatar.js';
import { defineText, useFormats, useText } from '../../i18n/text.js';
import { chatText } from './chat-text.js';
import type { CachedMessage } from './history.js';
import { retryable, type Outgoing, type SendFailure } from './outbox.js';

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

export type Delivery = 'uploading' | 'sending' | 'failed' | 'sent' | 'delivered' | 'read';

/** A message as a bubble shows it, whether the server has it yet or not. */
export interface Bubble {
  id: number | null;
  clientMsgId: string | null;
  fromId: number;
  type: MessageType;
  text: string;
  mediaUrl: string | null;
  voiceLength: number;
  created_at: string;
  delivery: Delivery;
  /** Why it failed, while `delivery` is 'failed'. */
  failure: SendFailure | null;
  progress: number;
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
    created_at: message.created_at,
    delivery: message.status ? 'read' : message.delivered ? 'delivered' : 'sent',
    failure: null,
    progress: 1,
  };
}

export function outgoingBubble(item: Outgoing): Bubble {
  return {
    id: null,
    clientMsgId: item.clientMsgId,
    fromId: item.fromId,
    type: item.type,
    text: item.text,
    mediaUrl: item.previewUrl ?? null,
    voiceLength: -1,
    created_at: item.created_at,
    delivery: item.state,
    failure: item.state === 'failed' ? (item.failure ?? 'interrupted') : null,
    progress: item.progress,
  };
}

/** 75 → "1:15". */
export function clipLength(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

function Ticks({ delivery }: { delivery: Delivery }) {
  const t = useText(chatText);
  if (delivery === 'uploading' || delivery === 'sending' || delivery === 'failed') return null;
  return (
    <span className={`ticks ${delivery}`} role="img" aria-label={t(delivery)}>
      {delivery === 'sent' ? '✓' : '✓✓'}
    </span>
  );
}

/**
 * What a failed message offers: why the server refused it, or a retry when it may still go
 * through, and always deleting it.
 */
function FailedActions({
  failure,
  onRetry,
  onDiscard,
}: {
  failure: SendFailure;
  onRetry: () => void;
  onDiscard: () => void;
}) {
  const t = useText(chatText);
  const why = useText(refusalText);
  return (
    <>
      <span className="message-failed">{t('failed')}</span>
      {failure !== 'interrupted' && <span>{why(failure)}</span>}
      {retryable(failure) && (
        <button type="button" className="link-button" onClick={onRetry}>
          {t('retry')}
        </button>
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

/**
 * One message: own on the right, others' on the left (in a group, each with the
 * sender's avatar and name, so a row looks the same whatever is loaded around it). Text
 * is always rendered as text, never as markup.
 */
export function MessageBubble({
  bubble,
  own,
  joined,
  sender,
  group,
  onOpenImage,
  onRetry,
  onDiscard,
}: {
  bubble: Bubble;
  own: boolean;
  joined: boolean;
  sender: UserCard | undefined;
  group: boolean;
  onOpenImage: (url: string) => void;
  onRetry: (clientMsgId: string) => void;
  onDiscard: (clientMsgId: string) => void;
}) {
  const t = useText(chatText);
  const formats = useFormats();
  const name = sender?.nickname ?? t('unknownSender', { id: bubble.fromId });
  const { delivery } = bubble;
  const classes = ['message-row', own ? 'own' : 'theirs', joined ? 'joined' : '', `delivery-${delivery}`];

  return (
    <div className={classes.join(' ')} data-message-id={bubble.id ?? undefined}>
      {group && !own && <Avatar name={name} image={sender?.image} id={bubble.fromId} size={32} />}
      <div className="message-column">
        {group && !own && <span className="message-sender">{name}</span>}
        <div className={`bubble bubble-${bubble.type.toLowerCase()}`}>
          {bubble.type === 'IMAGE' && bubble.mediaUrl && <ImageContent url={bubble.mediaUrl} onOpen={onOpenImage} />}
          {bubble.type === 'VOICE' && (
            <span className="voice">
              <audio
                controls
                preload="none"
                src={bubble.mediaUrl ?? undefined}
                aria-label={t('voiceMessage', { length: clipLength(bubble.voiceLength) })}
              />
              <span className="voice-length">{clipLength(bubble.voiceLength)}</span>
            </span>
          )}
          {bubble.text && <p className="message-text">{bubble.text}</p>}
          {delivery === 'uploading' && (
            <progress className="upload-progress" aria-label={t('uploadProgress')} max={1} value={bubble.progress} />
          )}
        </div>
        <span className="message-meta">
          <time dateTime={bubble.created_at}>{formats.time(bubble.created_at)}</time>
          {own && <Ticks delivery={delivery} />}
          {delivery === 'uploading' && <span>{t('uploading', { percent: Math.round(bubble.progress * 100) })}</span>}
          {delivery === 'sending' && <span>{t('sending')}</span>}
          {bubble.failure && bubble.clientMsgId && (
            <FailedActions
              failure={bubble.failure}
              onRetry={() => onRetry(bubble.clientMsgId!)}
              onDiscard={() => onDiscard(bubble.clientMsgId!)}
            />
          )}
        </span>
      </div>
    </div>
  );
}
