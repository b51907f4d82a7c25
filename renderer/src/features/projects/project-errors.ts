import { ApiError } from '../../api/http.js';
import type { Translate } from '../../i18n/text.js';
import type { ProjectsTextKey } from './projects-text.js';

export type ProjectAction =
  'load' | 'create' | 'invite' | 'remove' | 'leave' | 'publish' | 'inviteToTask' | 'cancel' | 'reassign';

const CONFLICTS: Partial<Record<ProjectAction, ProjectsTextKey>> = {
  invite: 'conflictInvite',
  inviteToTask: 'conflictTask',
  leave: 'conflictLeave',
  // The server names the state the invitation is in (已接受, 已拒绝…): shown as given.
  cancel: 'conflictCancel',
};
const INVALID: Partial<Record<ProjectAction, ProjectsTextKey>> = {
  create: 'invalidName',
  publish: 'invalidName',
  inviteToTask: 'invalidTaskInvitee',
  reassign: 'invalidAssignee',
};

/** A server refusal (403, 404, 409, 422) in words that fit what the user tried. */
export function explainProjectError(failure: unknown, action: ProjectAction, t: Translate<ProjectsTextKey>): string {
  if (!(failure instanceof ApiError) || failure.status === 0) return t('unreachable');
  const reason = failure.message;
  switch (failure.status) {
    case 403:
      return t('forbidden');
    case 404:
      return t('notFound');
    case 409:
      return t(CONFLICTS[action] ?? 'failed', { reason });
    case 422:
      return t(INVALID[action] ?? 'invalid', { reason });
    default:
      return t('failed', { reason });
  }
}
