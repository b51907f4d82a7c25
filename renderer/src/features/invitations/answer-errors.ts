import { ApiError } from '../../api/http.js';
import type { Translate } from '../../i18n/text.js';
import type { invitationsText } from './invitations-text.js';

type Key = keyof (typeof invitationsText)['en'];

/** Why answering an invitation failed, in words the user can act on. */
export function explainAnswerError(failure: unknown, t: Translate<Key>): string {
  if (!(failure instanceof ApiError) || failure.status === 0) return t('unreachable');
  // The server says in which state the invitation is (已拒绝, 已撤销, 已指派给 李四…): shown as given.
  if (failure.status === 409) return t('conflict', { reason: failure.message });
  if (failure.status === 404) return t('gone');
  return t('failed', { reason: failure.message });
}
