import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { commonText } from '../../components/common-text.js';
import { useFormats, useText } from '../../i18n/text.js';
import { useNavigation } from '../../state/navigation.js';
import { useSession } from '../../state/session.js';
import { MemberList } from './MemberList.js';
import { explainProjectError } from './project-errors.js';
import { projectQuery } from './project-queries.js';
import { ProjectDialog, type OpenDialog } from './ProjectDialog.js';
import { projectsText } from './projects-text.js';
import { PublishTaskForm } from './PublishTaskForm.js';
import { SentInvitations } from './SentInvitations.js';
import { TaskList } from './TaskList.js';

/** One project: its members and tasks, and what a member (or its owner) can do with them. */
export function ProjectDetailView({ projectId, onNotice }: { projectId: string; onNotice: (notice: string) => void }) {
  const t = useText(projectsText);
  const common = useText(commonText);
  const { day } = useFormats();
  const me = useSession((s) => s.user?.id);
  const openWindow = useNavigation((s) => s.openWindow);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const detail = useQuery(projectQuery(projectId));

  if (detail.isPending) return <p className="empty-state">{common('loading')}</p>;
  if (detail.isError)
    return (
      <div className="empty-state" role="alert">
        <p>{explainProjectError(detail.error, 'load', t)}</p>
        <button type="button" onClick={() => void detail.refetch()}>
          {common('retry')}
        </button>
      </div>
    );

  const project = detail.data;
  const isOwner = project.ownerId === me;
  const owner = project.members.find((m) => m.role === 'owner')?.user;

  return (
    <article className="project-detail" aria-labelledby="project-title">
      <header className="project-header">
        <div className="project-heading">
          <h2 id="project-title">{project.name}</h2>
          <p className="muted">
            {owner && t('ownerLine', { name: owner.nickname })} · {t('createdOn', { day: day(project.created_at) })}
          </p>
        </div>
        <div className="project-actions">
          <button type="button" className="primary" onClick={() => openWindow(project.cId)}>
            {t('openGroupChat')}
          </button>
          <button type="button" onClick={() => setDialog({ kind: 'invite' })}>
            {t('inviteMember')}
          </button>
          {!isOwner && (
            <button type="button" className="danger" onClick={() => setDialog({ kind: 'leave' })}>
              {t('leave')}
            </button>
          )}
        </div>
      </header>
      <div className="project-panels">
        <section aria-labelledby="project-members" className="project-panel">
          <h3 id="project-members">
            {t('members')} <span className="count-tag">{project.members.length}</span>
          </h3>
          <MemberList
            members={project.members}
            me={me}
            canRemove={isOwner}
            onRemove={(member) => setDialog({ kind: 'remove', member })}
          />
        </section>
        <section aria-labelledby="project-tasks" className="project-panel">
          <h3 id="project-tasks">
            {t('tasks')} <span className="count-tag">{project.tasks.length}</span>
          </h3>
          <PublishTaskForm projectId={project.id} onPublished={(name) => onNotice(t('published', { name }))} />
          <TaskList
            tasks={project.tasks}
            members={project.members}
            isOwner={isOwner}
            onOpen={(task) => setDialog({ kind: 'task', task })}
          />
        </section>
        <SentInvitations projectId={project.id} me={me} isOwner={isOwner} onNotice={onNotice} />
      </div>
      {dialog && (
        <ProjectDialog dialog={dialog} project={project} me={me} onNotice={onNotice} onClose={() => setDialog(null)} />
      )}
    </article>
  );
}
