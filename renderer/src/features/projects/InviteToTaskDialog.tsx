import { useId, useState } from 'react';
import { projectsApi } from '../../api/projects.js';
import type { Task, UserCard } from '../../api/wire.js';
import { isolated, useText } from '../../i18n/text.js';
import { InvitationDialog } from './InvitationDialog.js';
import { projectsText } from './projects-text.js';

/**
 * Task invitations go to members of the task's project only, so the choice is among them;
 * those already invited to it are listed, disabled, with the reason.
 */
export function InviteToTaskDialog({
  task,
  candidates,
  invited,
  onSent,
  onClose,
}: {
  task: Task;
  candidates: readonly UserCard[];
  /** Members with an invitation to this task still waiting for their answer. */
  invited: readonly number[];
  onSent: (invitee: UserCard) => void;
  onClose: () => void;
}) {
  const t = useText(projectsText);
  const selectId = useId();
  const available = candidates.filter((c) => !invited.includes(c.id));
  const [inviteeId, setInviteeId] = useState(available[0]?.id);

  return (
    <InvitationDialog
      title={t('inviteToTaskTitle', { name: task.name })}
      invitee={available.find((c) => c.id === inviteeId)}
      action="inviteToTask"
      send={(userId, remark) => projectsApi.inviteToTask(task.id, userId, remark)}
      onSent={onSent}
      onClose={onClose}
    >
      {candidates.length === 0 ? (
        <p className="muted">{t('noOneToInvite')}</p>
      ) : (
        <>
          <label htmlFor={selectId}>{t('taskMember')}</label>
          <select id={selectId} value={inviteeId} onChange={(e) => setInviteeId(Number(e.target.value))}>
            {candidates.map((user) => {
              const isInvited = invited.includes(user.id);
              const name = `${isolated(user.nickname)} (@${user.userName})`;
              return (
                <option key={user.id} value={user.id} disabled={isInvited}>
                  {isInvited ? `${name} · ${t('alreadyInvited')}` : name}
                </option>
              );
            })}
          </select>
        </>
      )}
    </InvitationDialog>
  );
}
