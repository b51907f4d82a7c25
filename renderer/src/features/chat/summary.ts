import { messageSummary } from '../../api/contract.js';
import type { ChatMessage } from '../../api/wire.js';
import type { Translate } from '../../i18n/text.js';
import type { ChatTextKey } from './chat-text.js';

/** A message as one line in the user's language (window list, notifications): the contract's rule, our words. */
export function summary(message: Pick<ChatMessage, 'type' | 'message'>, t: Translate<ChatTextKey>): string {
  return messageSummary({ type: message.type, text: message.message }, { IMAGE: t('image'), VOICE: t('voice') });
}
