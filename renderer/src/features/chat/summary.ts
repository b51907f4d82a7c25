import type { ChatMessage } from '../../api/wire.js';
import type { Translate } from '../../i18n/text.js';
import type { ChatTextKey } from './chat-text.js';

type Summarised = Pick<ChatMessage, 'type' | 'message'>;

/** A message as one line, the way the server writes `afterMessage`, so live patches match a refetch. */
export function serverSummary(message: Summarised): string {
  const marker = message.type === 'IMAGE' ? '[图片]' : message.type === 'VOICE' ? '[语音]' : null;
  if (!marker) return message.message;
  return message.message ? `${marker} ${message.message}` : marker;
}

/** A message as one line in the user's language (window list, notifications). */
export function summary(message: Summarised, t: Translate<ChatTextKey>): string {
  const marker = message.type === 'IMAGE' ? t('image') : message.type === 'VOICE' ? t('voice') : null;
  if (!marker) return message.message;
  return message.message ? `${marker} ${message.message}` : marker;
}
