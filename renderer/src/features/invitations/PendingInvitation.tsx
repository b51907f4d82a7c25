import { useId } from 'react';
import { OfflineType } from '../../api/contract.js';
import type { OfflineHistoryMessage } from '../../api/wire.js';
import { useText } from '../../i18n/text.js';
import { useSettings } from '../../state/settings.js';
import { useAnswerInvitation } from './answer-invitation.js';
import { explainAnswerError } from './answer-errors.js';
import { useAnswers } from './answers-store.js';
import { ActivityIcon } from './ActivityIcon.js';
import { invitationsText, typeKey } from './invitations-text.js';
import { offlineSentence } from './offline-sentence.js';
import { OfflineTime } from './OfflineTime.js';
import { Outcome } from './Outcome.js';
import { ProjectShortcuts } from './ProjectShortcuts.js';
import type { KnownProjects } from './task-projects.js';
import './invitation-live.js';

const focusOnMount = (element: HTMLElement | null) => element?.focus();

/**
 * An invitation waiting for an answer, or just answered here (then: what it led to), or
 * ended elsewhere while shown (withdrawn by its inviter, the task taken by someone else).
 */
export function PendingInvitation({
  message,
  known,
  onSettled,
}: {
  message: OfflineHistoryMessage;
  known: KnownProjects;
  onSettled: (id: string) => void;
}) {
  const t = useText(invitationsText);
  const language = useSettings((s) => s.language);
  const id = useId();
  const { answer, busy, error } = useAnswerInvitation(message, onSettled);
  const given = useAnswers((s) => s.answers[message.id]);
  const { remark, projectId } = message.extraInfo;
  const joinedProject =
    message.dealt && given === 'accept' && message.type === OfflineType.projectInvitation && projectId !== undefined;

  return (
    <article className="invitation" aria-labelledby={`${id}-msg`} aria-busy={busy !== null}>
      <ActivityIcon type={message.type} />
      <div className="invitation-body">
        <p className="invitation-meta">
          <span className="offline-kind">{t(typeKey(message.type))}</span>
          <OfflineTime time={message.time} />
        </p>
        <p className="invitation-msg" id={`${id}-msg`}>
          {offlineSentence(message, language, known)}
        </p>
        {remark ? <p className="invitation-remark">{t('remark', { remark })}</p> : null}
        {message.dealt ? (
          <>
            <p className="invitation-outcome" tabIndex={-1} ref={joinedProject ? undefined : focusOnMount}>
              <Outcome messageId={message.id} state={message.state} />
              {given === 'accept' &&
                (message.type === OfflineType.projectInvitation ? t('joinedProject') : t('tookTask'))}
            </p>
            {joinedProject && <ProjectShortcuts projectId={projectId} describedBy={`${id}-msg`} focus />}
          </>
        ) : (
          <div className="invitation-actions">
            <button
              type="button"
              className="primary"
              disabled={busy !== null}
              aria-describedby={`${id}-msg`}
              onClick={() => void answer('accept')}
            >
              {busy === 'accept' ? t('accepting') : t('accept')}
            </button>
            <button
              type="button"
              disabled={busy !== null}
              aria-describedby={`${id}-msg`}
              onClick={() => void answer('decline')}
            >
              {busy === 'decline' ? t('declining') : t('decline')}
            </button>
          </div>
        )}
        {error !== null && (
          <p className="form-error" role="alert">
            {explainAnswerError(error, t)}
          </p>
        )}
      </div>
    </article>
  );
}
