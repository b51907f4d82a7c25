import { useQuery, useQueryClient } from '@tanstack/react-query';
import { projectsApi } from '../../api/projects.js';
import { queryKeys } from '../../api/query-keys.js';
import type { Invitation } from '../../api/wire.js';
import { Avatar } from '../../components/Avatar.js';
import { commonText } from '../../components/common-text.js';
import { useFormats, useText } from '../../i18n/text.js';
import { useGuardedMutation } from './guarded-mutation.js';
import { explainProjectError } from './project-errors.js';
import { projectInvitationsQuery, refreshProject } from './project-queries.js';
import { projectsText } from './projects-text.js';

/**
 * The invitations sent for the project and its tasks, with where each stands: the owner sees
 * all of them, a member those they sent. A pending one can be withdrawn by its inviter or the
 * owner. The list follows the server live (`invitation.updated`, `project.updated`).
 */
export function SentInvitations({
  projectId,
  me,
  isOwner,
  onNotice,
}: {
  projectId: string;
  me: number | undefined;
  isOwner: boolean;
  onNotice: (notice: string) => void;
}) {
  const t = useText(projectsText);
  const common = useText(commonText);
  const invitations = useQuery(projectInvitationsQuery(projectId));
  const pending = invitations.data?.filter((i) => i.state === 'pending').length ?? 0;

  return (
    <section aria-labelledby="project-invitations" className="project-panel">
      <h3 id="project-invitations">
        {t('sentInvitations')} {pending > 0 && <span className="count-tag">{pending}</span>}
      </h3>
      {invitations.isPending ? (
        <p className="muted">{common('loading')}</p>
      ) : invitations.isError ? (
        <div role="alert">
          <p>{explainProjectError(invitations.error, 'load', t)}</p>
          <button type="button" onClick={() => void invitations.refetch()}>
            {common('retry')}
          </button>
        </div>
      ) : invitations.data.length === 0 ? (
        <p className="muted">{t('noInvitations')}</p>
      ) : (
        <ul className="sent-invitations">
          {invitations.data.map((invitation) => (
            <SentInvitation
              key={invitation.id}
              invitation={invitation}
              canCancel={invitation.state === 'pending' && (isOwner || invitation.from.id === me)}
              onNotice={onNotice}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function SentInvitation({
  invitation,
  canCancel,
  onNotice,
}: {
  invitation: Invitation;
  canCancel: boolean;
  onNotice: (notice: string) => void;
}) {
  const t = useText(projectsText);
  const { when } = useFormats();
  const queryClient = useQueryClient();
  const { to, from, state } = invitation;
  const cancel = useGuardedMutation({
    mutationFn: () => projectsApi.cancelInvitation(invitation.id),
    onSuccess: (cancelled) => {
      queryClient.setQueryData<Invitation[]>(queryKeys.projectInvitations(invitation.projectId), (list) =>
        list?.map((sent) => (sent.id === cancelled.id ? cancelled : sent)),
      );
      refreshProject(queryClient, invitation.projectId);
      onNotice(t('cancelledNotice', { name: to.nickname }));
    },
    // Whatever the refusal (answered meanwhile, say), the list should show the state it is in now.
    onError: () => refreshProject(queryClient, invitation.projectId),
  });

  return (
    <li>
      <Avatar name={to.nickname} image={to.image} id={to.id} size={32} />
      <div className="sent-invitation-body">
        <span className="member-name">
          <bdi>{to.nickname}</bdi>
          <span className="muted member-username">@{to.userName}</span>
        </span>
        <span className="sent-invitation-what">
          {invitation.taskName === null ? t('toProject') : t('toTask', { task: invitation.taskName })}
        </span>
        <span className="task-meta muted">
          {t('invitedBy', { name: from.nickname, when: when(invitation.createdAt) })}
          {invitation.answeredAt && ` · ${t('changedAt', { when: when(invitation.answeredAt) })}`}
        </span>
        {cancel.isError && (
          <p className="form-error" role="alert">
            {explainProjectError(cancel.error, 'cancel', t)}
          </p>
        )}
      </div>
      <span className={`state-tag state-${state}`}>{t(state)}</span>
      {canCancel && (
        <button
          type="button"
          className="danger small"
          aria-label={t('cancelLabel', { name: to.nickname })}
          disabled={cancel.isPending}
          onClick={() => void cancel.run()}
        >
          {cancel.isPending ? t('cancelling') : t('cancelInvitation')}
        </button>
      )}
    </li>
  );
}
