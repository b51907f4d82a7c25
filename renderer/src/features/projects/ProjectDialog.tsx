import { useQueryClient } from '@tanstack/react-query';
import { projectsApi, type ProjectDetail } from '../../api/projects.js';
import { queryKeys } from '../../api/query-keys.js';
import type { Task } from '../../api/wire.js';
import { useText } from '../../i18n/text.js';
import { useNavigation } from '../../state/navigation.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { InviteMemberDialog } from './InviteMemberDialog.js';
import { InviteToTaskDialog } from './InviteToTaskDialog.js';
import { refreshMembership, refreshProject } from './project-queries.js';
import { projectsText } from './projects-text.js';

export type OpenDialog =
  | { kind: 'invite' }
  | { kind: 'leave' }
  | { kind: 'remove'; member: ProjectDetail['members'][number] }
  | { kind: 'inviteToTask'; task: Task };

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
  const done = (notice: string) => {
    onNotice(notice);
    onClose();
  };

  switch (dialog.kind) {
    case 'invite':
      return (
        <InviteMemberDialog
          project={project}
          memberIds={project.members.map((m) => m.user.id)}
          onSent={(user) => done(t('invited', { name: user.nickname }))}
          onClose={onClose}
        />
      );
    case 'inviteToTask': {
      const { task } = dialog;
      const candidates = project.members.map((m) => m.user).filter((u) => u.id !== me && u.id !== task.assigneeId);
      return (
        <InviteToTaskDialog
          task={task}
          candidates={candidates}
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
