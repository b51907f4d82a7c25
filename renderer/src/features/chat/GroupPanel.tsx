import { useState } from 'react';
import type { ProjectDetail } from '../../api/wire.js';
import { Dialog } from '../../components/Dialog.js';
import { useText } from '../../i18n/text.js';
import '../projects/projects.css';
import { MemberList } from '../projects/MemberList.js';
import { ProjectDialog } from '../projects/ProjectDialog.js';
import { useNavigation } from '../../state/navigation.js';
import { actionsText } from './message-actions-text.js';
import './message-actions.css';

type View = 'members' | 'invite' | 'leave';

/**
 * A group chat's members, the owner marked, with Invite and (for everyone but the owner)
 * Leave. Inviting and leaving are the project's own dialogs; one dialog shows at a time.
 * Having left, the user has no chat here any more: it closes.
 */
export function GroupPanel({ project, me, onClose }: { project: ProjectDetail; me: number; onClose: () => void }) {
  const t = useText(actionsText);
  const [view, setView] = useState<View>('members');
  const [notice, setNotice] = useState<string | null>(null);

  if (view !== 'members')
    return (
      <ProjectDialog
        dialog={{ kind: view }}
        project={project}
        me={me}
        onNotice={(text) => {
          if (view === 'leave') {
            useNavigation.setState({ windowId: null });
            onClose();
          } else setNotice(text);
        }}
        onClose={() => setView('members')}
      />
    );

  return (
    <Dialog title={t('memberPanel', { name: project.name })} className="group-panel" closeButton onClose={onClose}>
      {notice && (
        <p className="muted" role="status">
          {notice}
        </p>
      )}
      <MemberList members={project.members} me={me} canRemove={false} onRemove={() => undefined} />
      <div className="dialog-actions">
        {project.ownerId !== me && (
          <button type="button" className="danger" onClick={() => setView('leave')}>
            {t('leave')}
          </button>
        )}
        <button type="button" className="primary" onClick={() => setView('invite')}>
          {t('invite')}
        </button>
      </div>
    </Dialog>
  );
}
