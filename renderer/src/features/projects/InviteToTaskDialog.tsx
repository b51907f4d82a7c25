import { useId, useState, type FormEvent } from 'react';
import { projectsApi } from '../../api/projects.js';
import type { Task, UserCard } from '../../api/wire.js';
import { isolated, useText } from '../../i18n/text.js';
import { useGuardedMutation } from './guarded-mutation.js';
import { Modal } from './Modal.js';
import { explainProjectError } from './project-errors.js';
import { projectsText } from './projects-text.js';

/** Task invitations go to members of the task's project only, so the choice is among them. */
export function InviteToTaskDialog({
  task,
  candidates,
  onSent,
  onClose,
}: {
  task: Task;
  candidates: readonly UserCard[];
  onSent: (invitee: UserCard) => void;
  onClose: () => void;
}) {
  const t = useText(projectsText);
  const selectId = useId();
  const remarkId = useId();
  const [inviteeId, setInviteeId] = useState(candidates[0]?.id);
  const [remark, setRemark] = useState('');
  const invite = useGuardedMutation({
    mutationFn: (user: UserCard) => projectsApi.inviteToTask(task.id, user.id, remark.trim()),
    onSuccess: (_, user) => onSent(user),
  });
  const invitee = candidates.find((c) => c.id === inviteeId);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (invitee) invite.run(invitee);
  }

  return (
    <Modal title={t('inviteToTaskTitle', { name: task.name })} onClose={onClose}>
      <form className="modal-form" onSubmit={submit}>
        {candidates.length === 0 ? (
          <p className="muted">{t('noOneToInvite')}</p>
        ) : (
          <>
            <label htmlFor={selectId}>{t('taskMember')}</label>
            <select id={selectId} value={inviteeId} onChange={(e) => setInviteeId(Number(e.target.value))}>
              {candidates.map((user) => (
                <option key={user.id} value={user.id}>
                  {`${isolated(user.nickname)} (@${user.userName})`}
                </option>
              ))}
            </select>
            <label htmlFor={remarkId}>{t('remark')}</label>
            <textarea
              id={remarkId}
              rows={3}
              maxLength={500}
              value={remark}
              onChange={(e) => setRemark(e.target.value)}
            />
          </>
        )}
        {invite.isError && (
          <p className="form-error" role="alert">
            {explainProjectError(invite.error, 'inviteToTask', t)}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          {invitee && (
            <button type="submit" className="primary" disabled={invite.isPending}>
              {invite.isPending ? t('sending') : t('sendInvitation')}
            </button>
          )}
        </div>
      </form>
    </Modal>
  );
}
