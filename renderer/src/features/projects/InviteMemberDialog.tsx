import { useState } from 'react';
import { projectsApi } from '../../api/projects.js';
import type { UserCard } from '../../api/wire.js';
import { Avatar } from '../../components/Avatar.js';
import { UserPicker } from '../../components/UserPicker.js';
import { useText } from '../../i18n/text.js';
import { InvitationDialog } from './InvitationDialog.js';
import { projectsText } from './projects-text.js';

/** Choose someone who is not a member yet, add a note if you like, and send. */
export function InviteMemberDialog({
  project,
  memberIds,
  onSent,
  onClose,
}: {
  project: { id: string; name: string };
  memberIds: readonly number[];
  onSent: (invitee: UserCard) => void;
  onClose: () => void;
}) {
  const t = useText(projectsText);
  const [invitee, setInvitee] = useState<UserCard>();

  return (
    <InvitationDialog
      title={t('inviteTitle', { name: project.name })}
      invitee={invitee}
      action="invite"
      send={(userId, remark) => projectsApi.invite(project.id, userId, remark)}
      onSent={onSent}
      onClose={onClose}
    >
      {invitee ? (
        <div className="chosen-person">
          <Avatar name={invitee.nickname} image={invitee.image} id={invitee.id} size={32} />
          <span className="chosen-person-name">
            <bdi>{invitee.nickname}</bdi> <span className="muted">@{invitee.userName}</span>
          </span>
          <button type="button" onClick={() => setInvitee(undefined)}>
            {t('changeInvitee')}
          </button>
        </div>
      ) : (
        <UserPicker onPick={setInvitee} exclude={memberIds} label={t('invitee')} autoFocus />
      )}
    </InvitationDialog>
  );
}
