import { OfflineType } from '../../api/contract.js';
import { ApiError } from '../../api/http.js';
import type { OfflineMessage } from '../../api/wire.js';
import type { Translate } from '../../i18n/text.js';
import type { invitationsText } from './invitations-text.js';

type Key = keyof (typeof invitationsText)['en'];

/** Why answering an invitation failed, in words the user can act on. */
export function explainAnswerError(failure: unknown, message: OfflineMessage, t: Translate<Key>): string {
  if (!(failure instanceof ApiError) || failure.status === 0) return t('unreachable');
  if (failure.status === 409)
    return message.type === OfflineType.taskInvitation ? t('taskUnavailable') : t('answeredElsewhere');
  if (failure.status === 404) return t('gone');
  return t('failed', { reason: failure.message });
}
