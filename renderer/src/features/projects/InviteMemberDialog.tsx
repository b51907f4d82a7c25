import { useId, useState, type FormEvent } from 'react';
import { projectsApi } from '../../api/projects.js';
import type { UserProfile } from '../../api/wire.js';
import { Avatar } from '../../components/Avatar.js';
import { UserPicker } from '../../components/UserPicker.js';
import { useText } from '../../i18n/text.js';
import { useGuardedMutation } from './guarded-mutation.js';
import { Modal } from './Modal.js';
import { explainProjectError } from './project-errors.js';
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
  onSent: (invitee: UserProfile) => void;
  onClose: () => void;
}) {
  const t = useText(projectsText);
  const remarkId = useId();
  const [invitee, setInvitee] = useState<UserProfile | null>(null);
  const [remark, setRemark] = useState('');
  const invite = useGuardedMutation({
    mutationFn: (user: UserProfile) => projectsApi.invite(project.id, user.id, remark.trim()),
    onSuccess: (_, user) => onSent(user),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (invitee) invite.run(invitee);
  }

  return (
    <Modal title={t('inviteTitle', { name: project.name })} onClose={onClose}>
      {invitee ? (
        <form className="modal-form" onSubmit={submit}>
          <div className="chosen-person">
            <Avatar name={invitee.nickname} image={invitee.image} id={invitee.id} size={32} />
            <span className="chosen-person-name">
              <bdi>{invitee.nickname}</bdi> <span className="muted">@{invitee.userName}</span>
            </span>
            <button type="button" onClick={() => setInvitee(null)}>
              {t('changeInvitee')}
            </button>
          </div>
          <label htmlFor={remarkId}>{t('remark')}</label>
          <textarea
            id={remarkId}
            rows={3}
            maxLength={500}
            value={remark}
            autoFocus
            onChange={(e) => setRemark(e.target.value)}
          />
          {invite.isError && (
            <p className="form-error" role="alert">
              {explainProjectError(invite.error, 'invite', t)}
            </p>
          )}
          <div className="modal-actions">
            <button type="button" onClick={onClose}>
              {t('cancel')}
            </button>
            <button type="submit" className="primary" disabled={invite.isPending}>
              {invite.isPending ? t('sending') : t('sendInvitation')}
            </button>
          </div>
        </form>
      ) : (
        <div className="modal-form">
          <UserPicker onPick={setInvitee} exclude={memberIds} label={t('invitee')} autoFocus />
          <div className="modal-actions">
            <button type="button" onClick={onClose}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
