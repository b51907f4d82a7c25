import { useQuery } from '@tanstack/react-query';
import { commonText } from '../../components/common-text.js';
import { useText } from '../../i18n/text.js';
import { useNavigation } from '../../state/navigation.js';
import { useSession } from '../../state/session.js';
import { CreateProjectForm } from './CreateProjectForm.js';
import { projectsQuery } from './project-queries.js';
import { projectsText } from './projects-text.js';

/** The projects the user is a member of, and the form that starts a new one. */
export function ProjectList() {
  const t = useText(projectsText);
  const common = useText(commonText);
  const me = useSession((s) => s.user?.id);
  const selected = useNavigation((s) => s.projectId);
  const openProject = useNavigation((s) => s.openProject);
  const projects = useQuery(projectsQuery);

  return (
    <div className="project-list-pane">
      <h1>{t('title')}</h1>
      <CreateProjectForm />
      <nav aria-label={t('myProjects')}>
        {projects.isPending && <p className="muted">{common('loading')}</p>}
        {projects.isError && (
          <div role="alert">
            <p className="form-error">{common('loadFailed', { reason: projects.error.message })}</p>
            <button type="button" onClick={() => void projects.refetch()}>
              {common('retry')}
            </button>
          </div>
        )}
        {projects.data?.length === 0 && <p className="muted">{t('noProjects')}</p>}
        <ul className="project-list">
          {projects.data?.map((project) => (
            <li key={project.id}>
              <button
                type="button"
                className={project.id === selected ? 'project-link current' : 'project-link'}
                aria-current={project.id === selected ? 'page' : undefined}
                onClick={() => openProject(project.id)}
              >
                <span className="project-link-name">{project.name}</span>
                {project.ownerId === me && <span className="role-tag">{t('yours')}</span>}
              </button>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
