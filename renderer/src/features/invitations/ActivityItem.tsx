import { useId } from 'react';
import { OfflineType } from '../../api/contract.js';
import type { OfflineHistoryMessage, OfflineMessage } from '../../api/wire.js';
import { useText } from '../../i18n/text.js';
import { useNavigation } from '../../state/navigation.js';
import { useSettings } from '../../state/settings.js';
import { useAnswers } from './answers-store.js';
import { ActivityIcon } from './ActivityIcon.js';
import { invitationsText, typeKey } from './invitations-text.js';
import { isInvitation, subjectOf } from './offline-messages.js';
import { offlineSentence } from './offline-sentence.js';
import { OfflineTime } from './OfflineTime.js';
import { Outcome } from './Outcome.js';
import { ProjectShortcuts } from './ProjectShortcuts.js';
import type { KnownProjects } from './task-projects.js';

/** Where a link on an activity item goes: a chat window or a project. */
function useTarget(message: OfflineMessage, known: KnownProjects) {
  const openWindow = useNavigation((s) => s.openWindow);
  const openProject = useNavigation((s) => s.openProject);
  const declined = useAnswers((s) => s.answers[message.id] === 'decline');
  const subject = subjectOf(message);
  if (!subject) return null;
  if (subject.kind === 'window') return { label: 'openChat', open: () => openWindow(subject.cId) } as const;
  const projectId = subject.kind === 'project' ? subject.projectId : known.task(subject.taskId)?.projectId;
  // A declined project invitation leads nowhere: the user is not a member.
  if (!projectId || (declined && subject.kind === 'project')) return null;
  return { label: 'openProject', open: () => openProject(projectId) } as const;
}

/** One line of the activity feed: what happened, when, and a way to it. */
export function ActivityItem({ message, known }: { message: OfflineHistoryMessage; known: KnownProjects }) {
  const t = useText(invitationsText);
  const language = useSettings((s) => s.language);
  const id = useId();
  const target = useTarget(message, known);
  const accepted = useAnswers((s) => s.answers[message.id] === 'accept');
  const { projectId } = message.extraInfo;
  const joinedProject = accepted && message.type === OfflineType.projectInvitation && projectId !== undefined;
  return (
    <li className="activity-item">
      <ActivityIcon type={message.type} />
      <div className="activity-body">
        <p className="invitation-meta">
          <span className="offline-kind">{t(typeKey(message.type))}</span>
          {isInvitation(message) && <Outcome messageId={message.id} state={message.state} />}
          <OfflineTime time={message.time} />
        </p>
        <p className="activity-msg" id={`${id}-msg`}>
          {offlineSentence(message, language, known)}
        </p>
      </div>
      {joinedProject ? (
        <ProjectShortcuts projectId={projectId} describedBy={`${id}-msg`} />
      ) : (
        target && (
          <button type="button" aria-describedby={`${id}-msg`} onClick={target.open}>
            {t(target.label)}
          </button>
        )
      )}
    </li>
  );
}
