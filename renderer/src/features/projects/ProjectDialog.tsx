import { useQuery, useQueryClient } from '@tanstack/react-query';
import { projectsApi, type ProjectDetail } from '../../api/projects.js';
import { queryKeys } from '../../api/query-keys.js';
import type { Task } from '../../api/wire.js';
import { useText } from '../../i18n/text.js';
import { useNavigation } from '../../state/navigation.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { InviteMemberDialog } from './InviteMemberDialog.js';
import { InviteToTaskDialog } from './InviteToTaskDialog.js';
import { projectInvitationsQuery, refreshMembership, refreshProject } from './project-queries.js';
import { projectsText } from './projects-text.js';
import { ReassignTaskDialog } from './ReassignTaskDialog.js';

export type OpenDialog =
  | { kind: 'invite' }
  | { kind: 'leave' }
  | { kind: 'remove'; member: ProjectDetail['members'][number] }
  | { kind: 'task'; task: Task };

/** Whichever dialog the project detail has open; each reports what it did as a notice. */
export function ProjectDialog({
  dialog,
  project,
  me,
  onNotice,
  onClose,
}: {
  dialog: OpenDialog;
  project: ProjectDetail;
  me: number | undefined;
  onNotice: (notice: string) => void;
  onClose: () => void;
}) {
  const t = useText(projectsText);
  const queryClient = useQueryClient();
  const invitations = useQuery(projectInvitationsQuery(project.id)).data ?? [];
  const done = (notice: string) => {
    onNotice(notice);
    onClose();
  };

  switch (dialog.kind) {
    case 'invite':
      return (
        <InviteMemberDialog
          project={project}
          me={me}
          onSent={(user) => done(t('invited', { name: user.nickname }))}
          onClose={onClose}
        />
      );
    case 'task': {
      // The task as the page has it now: someone may take it while the dialog is open.
      const task = project.tasks.find((it) => it.id === dialog.task.id) ?? dialog.task;
      const users = project.members.map((m) => m.user);
      if (task.assigneeId !== null)
        return (
          <ReassignTaskDialog
            task={task}
            assignee={users.find((u) => u.id === task.assigneeId)}
            members={users.filter((u) => u.id !== task.assigneeId)}
            canReassign={project.ownerId === me}
            onReassigned={(user) => done(t('reassigned', { name: user.nickname, task: task.name }))}
            onClose={onClose}
          />
        );
      const invited = invitations.filter((i) => i.taskId === task.id && i.state === 'pending').map((i) => i.to.id);
      return (
        <InviteToTaskDialog
          task={task}
          candidates={users.filter((u) => u.id !== me)}
          invited={invited}
          onSent={(user) => done(t('taskInvited', { name: user.nickname, task: task.name }))}
          onClose={onClose}
        />
      );
    }
    case 'remove': {
      const { user } = dialog.member;
      return (
        <ConfirmDialog
          title={t('removeTitle', { name: user.nickname, project: project.name })}
          detail={t('removeDetail')}
          confirmLabel={t('confirmRemove')}
          action="remove"
          run={() => projectsApi.removeMember(project.id, user.id)}
          onDone={() => {
            refreshProject(queryClient, project.id);
            done(t('removed', { name: user.nickname }));
          }}
          onClose={onClose}
        />
      );
    }
    case 'leave':
      return (
        <ConfirmDialog
          title={t('leaveTitle', { name: project.name })}
          detail={t('leaveDetail')}
          confirmLabel={t('confirmLeave')}
          action="leave"
          run={() => projectsApi.leave(project.id)}
          onDone={() => {
            queryClient.removeQueries({ queryKey: queryKeys.project(project.id) });
            refreshMembership(queryClient);
            useNavigation.setState({ projectId: null });
            done(t('left', { name: project.name }));
          }}
          onClose={onClose}
        />
      );
  }
}
