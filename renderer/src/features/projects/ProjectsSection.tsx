import { useState } from 'react';
import { useText } from '../../i18n/text.js';
import { useNavigation } from '../../state/navigation.js';
import { ProjectDetailView } from './ProjectDetailView.js';
import { ProjectList } from './ProjectList.js';
import { projectsText } from './projects-text.js';
import './project-live.js';
import './projects.css';

/** The user's projects on the left, the chosen one on the right. */
export function ProjectsSection() {
  const t = useText(projectsText);
  const projectId = useNavigation((s) => s.projectId);
  // A notice belongs to the project it was about, so it does not follow the user elsewhere.
  const [notice, setNotice] = useState<{ projectId: string | null; text: string } | null>(null);
  const showNotice = (text: string) => setNotice({ projectId: useNavigation.getState().projectId, text });

  return (
    <div className="projects">
      <ProjectList />
      <div className="project-main">
        <p className="project-notice" role="status">
          {notice?.projectId === projectId ? notice.text : ''}
        </p>
        {projectId ? (
          <ProjectDetailView key={projectId} projectId={projectId} onNotice={showNotice} />
        ) : (
          <p className="empty-state">{t('pickProject')}</p>
        )}
      </div>
    </div>
  );
}
