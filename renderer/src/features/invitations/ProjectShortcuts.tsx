import { useQuery } from '@tanstack/react-query';
import { useText } from '../../i18n/text.js';
import { useNavigation } from '../../state/navigation.js';
import { projectQuery } from '../projects/project-queries.js';
import { invitationsText } from './invitations-text.js';

/**
 * After joining a project: straight to it, or to its group chat. `focus` takes the focus
 * from the Accept button that just disappeared.
 */
export function ProjectShortcuts({
  projectId,
  describedBy,
  focus = false,
}: {
  projectId: string;
  describedBy: string;
  focus?: boolean;
}) {
  const t = useText(invitationsText);
  const openProject = useNavigation((s) => s.openProject);
  const openWindow = useNavigation((s) => s.openWindow);
  const cId = useQuery(projectQuery(projectId)).data?.cId;
  return (
    <div className="invitation-actions">
      <button
        type="button"
        className={focus ? 'primary' : undefined}
        autoFocus={focus}
        aria-describedby={describedBy}
        onClick={() => openProject(projectId)}
      >
        {t('openProject')}
      </button>
      <button
        type="button"
        aria-describedby={describedBy}
        disabled={cId === undefined}
        onClick={() => cId !== undefined && openWindow(cId)}
      >
        {t('openGroupChat')}
      </button>
    </div>
  );
}
