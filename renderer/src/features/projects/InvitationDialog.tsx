import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { UserCard } from '../../api/wire.js';
import { Dialog, DialogActions } from '../../components/Dialog.js';
import { useText } from '../../i18n/text.js';
import { useGuardedMutation } from './guarded-mutation.js';
import { explainProjectError, type ProjectAction } from './project-errors.js';
import { projectsText } from './projects-text.js';

/**
 * What every invitation asks: whom (`children` choose them), an optional note, and send.
 * Until someone is chosen there is nothing to send, so neither the note nor the button shows.
 */
export function InvitationDialog({
  title,
  invitee,
  action,
  send,
  onSent,
  onClose,
  children,
}: {
  title: string;
  invitee: UserCard | undefined;
  action: Extract<ProjectAction, 'invite' | 'inviteToTask'>;
  send: (userId: number, remark: string) => Promise<unknown>;
  onSent: (invitee: UserCard) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const t = useText(projectsText);
  const remarkId = useId();
  const [remark, setRemark] = useState('');
  const invitation = useGuardedMutation({
    mutationFn: (user: UserCard) => send(user.id, remark.trim()),
    onSuccess: (_, user) => onSent(user),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (invitee) void invitation.run(invitee);
  }

  return (
    <Dialog title={title} onClose={onClose}>
      <form className="dialog-form" onSubmit={submit}>
        {children}
        {invitee && (
          <>
            <label htmlFor={remarkId}>{t('remark')}</label>
            {/* Focused when someone has just been chosen: the note is what comes next. */}
            <textarea
              id={remarkId}
              rows={3}
              maxLength={500}
              value={remark}
              autoFocus
              onChange={(e) => setRemark(e.target.value)}
            />
          </>
        )}
        <DialogActions
          error={invitation.isError ? explainProjectError(invitation.error, action, t) : null}
          onCancel={onClose}
        >
          {invitee && (
            <button type="submit" className="primary" disabled={invitation.isPending}>
              {invitation.isPending ? t('sending') : t('sendInvitation')}
            </button>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
