import { useState } from 'react';
import { projectsApi } from '../../api/projects.js';
import { queryKeys } from '../../api/query-keys.js';
import type { Candidate, UserCard } from '../../api/wire.js';
import { Avatar } from '../../components/Avatar.js';
import { UserPicker, type UserSearch } from '../../components/UserPicker.js';
import { useText } from '../../i18n/text.js';
import { InvitationDialog } from './InvitationDialog.js';
import { projectsText } from './projects-text.js';

const REASONS = { member: 'alreadyMember', invited: 'alreadyInvited' } as const;

/**
 * Choose someone who is not a member yet, add a note if you like, and send. Members and
 * people already invited are listed with the reason, not offered (the server says which).
 */
export function InviteMemberDialog({
  project,
  me,
  onSent,
  onClose,
}: {
  project: { id: string; name: string };
  me: number | undefined;
  onSent: (invitee: UserCard) => void;
  onClose: () => void;
}) {
  const t = useText(projectsText);
  const [invitee, setInvitee] = useState<UserCard>();
  const search: UserSearch<Candidate> = (q) => ({
    queryKey: queryKeys.candidates(project.id, q),
    queryFn: () => projectsApi.candidates(project.id, q),
  });

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
        <UserPicker
          search={search}
          onPick={setInvitee}
          unavailable={(user) => (user.reason === null ? null : t(REASONS[user.reason]))}
          exclude={me === undefined ? [] : [me]}
          label={t('invitee')}
          autoFocus
        />
      )}
    </InvitationDialog>
  );
}
