import { useId, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { projectsApi } from '../../api/projects.js';
import type { Task, UserCard } from '../../api/wire.js';
import { commonText } from '../../components/common-text.js';
import { Dialog, DialogActions } from '../../components/Dialog.js';
import { isolated, useText } from '../../i18n/text.js';
import { useGuardedMutation } from './guarded-mutation.js';
import { explainProjectError } from './project-errors.js';
import { refreshProject } from './project-queries.js';
import { projectsText } from './projects-text.js';

/**
 * A task that has an assignee takes no invitations: the dialog says who has it, and the
 * project's owner may hand it to another member (the server tells both of them).
 */
export function ReassignTaskDialog({
  task,
  assignee,
  members,
  canReassign,
  onReassigned,
  onClose,
}: {
  task: Task;
  assignee: UserCard | undefined;
  /** The members it could go to (the current assignee left out). */
  members: readonly UserCard[];
  canReassign: boolean;
  onReassigned: (to: UserCard) => void;
  onClose: () => void;
}) {
  const t = useText(projectsText);
  const common = useText(commonText);
  const selectId = useId();
  const detailId = useId();
  const queryClient = useQueryClient();
  const [toId, setToId] = useState(members[0]?.id);
  const to = members.find((m) => m.id === toId);
  const reassign = useGuardedMutation({
    mutationFn: (user: UserCard) => projectsApi.reassign(task.id, user.id),
    onSuccess: (_, user) => {
      refreshProject(queryClient, task.projectId);
      onReassigned(user);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (to) void reassign.run(to);
  }

  const title = canReassign ? t('reassignTitle', { name: task.name }) : task.name;
  return (
    <Dialog title={title} onClose={onClose} describedBy={detailId}>
      <form className="dialog-form" onSubmit={submit}>
        <p id={detailId}>{t('assignedTo', { name: assignee?.nickname ?? t('formerMember') })}</p>
        {canReassign &&
          (members.length === 0 ? (
            <p className="muted">{t('noOneToReassign')}</p>
          ) : (
            <>
              <label htmlFor={selectId}>{t('reassignTo')}</label>
              <select id={selectId} value={toId} onChange={(e) => setToId(Number(e.target.value))}>
                {members.map((user) => (
                  <option key={user.id} value={user.id}>
                    {`${isolated(user.nickname)} (@${user.userName})`}
                  </option>
                ))}
              </select>
            </>
          ))}
        {canReassign ? (
          <DialogActions
            error={reassign.isError ? explainProjectError(reassign.error, 'reassign', t) : null}
            onCancel={onClose}
          >
            {to && (
              <button type="submit" className="primary" disabled={reassign.isPending}>
                {reassign.isPending ? t('reassigning') : t('reassign')}
              </button>
            )}
          </DialogActions>
        ) : (
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              {common('close')}
            </button>
          </div>
        )}
      </form>
    </Dialog>
  );
}
