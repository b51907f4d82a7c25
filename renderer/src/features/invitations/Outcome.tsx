import type { InvitationState } from '../../api/contract.js';
import { useText } from '../../i18n/text.js';
import { useAnswers, type Answer } from './answers-store.js';
import { invitationsText } from './invitations-text.js';

type Ended = Exclude<InvitationState, 'pending'>;
const ANSWERED: Record<Answer, Ended> = { accept: 'accepted', decline: 'declined' };

/**
 * How an invitation ended: the server's state when the message carries it (withdrawn and
 * taken happen elsewhere), else the answer given on this device, else just that it was answered.
 */
export function Outcome({ messageId, state }: { messageId: string; state?: InvitationState | undefined }) {
  const t = useText(invitationsText);
  const given = useAnswers((s) => s.answers[messageId]);
  const ended: Ended | undefined = state && state !== 'pending' ? state : given && ANSWERED[given];
  // Accepted reads as success, declined as refusal; withdrawn and taken stay muted.
  return <span className={`outcome outcome-${ended ?? 'unknown'}`}>{ended ? t(ended) : t('answered')}</span>;
}
