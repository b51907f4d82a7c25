import { useText } from '../../i18n/text.js';
import { useAnswers } from './answers-store.js';
import { invitationsText } from './invitations-text.js';

/** How an invitation was answered, when it was answered on this device; else just that it was. */
export function Outcome({ messageId }: { messageId: string }) {
  const t = useText(invitationsText);
  const given = useAnswers((s) => s.answers[messageId]);
  return (
    <span className={`outcome outcome-${given ?? 'unknown'}`}>
      {given === 'accept' ? t('accepted') : given === 'decline' ? t('declined') : t('answered')}
    </span>
  );
}
