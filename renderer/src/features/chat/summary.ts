import { messageSummary } from '../../api/contract.js';
import type { ChatMessage } from '../../api/wire.js';
import type { Translate } from '../../i18n/text.js';
import type { ChatTextKey } from './chat-text.js';

type Summarised = Pick<ChatMessage, 'type' | 'message'> & Partial<Pick<ChatMessage, 'fileName' | 'recalled'>>;

/** A message as one line in the user's language (window list, notifications): the contract's rule, our words. */
export function summary(message: Summarised, t: Translate<ChatTextKey>): string {
  const markers = { IMAGE: t('image'), VOICE: t('voice'), FILE: t('file'), RECALLED: t('recalled') };
  return messageSummary(
    { type: message.type, text: message.message, fileName: message.fileName, recalled: message.recalled },
    markers,
  );
}
