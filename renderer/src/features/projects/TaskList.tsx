import type { ProjectDetail } from '../../api/projects.js';
import type { Task } from '../../api/wire.js';
import { Avatar } from '../../components/Avatar.js';
import { useText } from '../../i18n/text.js';
import { projectsText } from './projects-text.js';

/**
 * The project's tasks: who published each, who does it, and a way to invite someone to it
 * while nobody does; once someone does, only the owner can hand it on (re-assign).
 */
export function TaskList({
  tasks,
  members,
  isOwner,
  onOpen,
}: {
  tasks: readonly Task[];
  members: ProjectDetail['members'];
  isOwner: boolean;
  onOpen: (task: Task) => void;
}) {
  const t = useText(projectsText);
  const person = (id: number | null) => members.find((m) => m.user.id === id)?.user;
  if (tasks.length === 0) return <p className="muted">{t('noTasks')}</p>;
  return (
    <ul className="task-list">
      {tasks.map((task) => {
        const assignee = person(task.assigneeId);
        return (
          <li key={task.id}>
            <div className="task-body">
              <span className="task-name">{task.name}</span>
              <span className="task-meta muted">
                {t('publishedBy', { name: person(task.publisherId)?.nickname ?? t('formerMember') })}
              </span>
            </div>
            <span className={task.assigneeId === null ? 'task-assignee muted' : 'task-assignee'}>
              {assignee && <Avatar name={assignee.nickname} image={assignee.image} id={assignee.id} size={22} />}
              {task.assigneeId === null
                ? t('unassigned')
                : t('assignee', { name: assignee?.nickname ?? t('formerMember') })}
            </span>
            {task.assigneeId === null ? (
              <button
                type="button"
                className="small"
                aria-label={t('inviteToTaskLabel', { name: task.name })}
                onClick={() => onOpen(task)}
              >
                {t('inviteToTask')}
              </button>
            ) : (
              isOwner && (
                <button
                  type="button"
                  className="small"
                  aria-label={t('reassignLabel', { name: task.name })}
                  onClick={() => onOpen(task)}
                >
                  {t('reassign')}
                </button>
              )
            )}
          </li>
        );
      })}
    </ul>
  );
}
