import type { ProjectDetail } from '../../api/projects.js';
import { Avatar } from '../../components/Avatar.js';
import { useText } from '../../i18n/text.js';
import { projectsText } from './projects-text.js';

type Member = ProjectDetail['members'][number];

/** Who is in the project and in what role; the owner may remove anyone but themself. */
export function MemberList({
  members,
  me,
  canRemove,
  onRemove,
}: {
  members: readonly Member[];
  me: number | undefined;
  canRemove: boolean;
  onRemove: (member: Member) => void;
}) {
  const t = useText(projectsText);
  return (
    <ul className="member-list">
      {members.map((member) => {
        const { user } = member;
        return (
          <li key={user.id}>
            <Avatar name={user.nickname} image={user.image} id={user.id} size={32} />
            <span className="member-name">
              {/* Isolated, so that direction controls in a name cannot reorder what follows it. */}
              <bdi>{user.nickname}</bdi>
              {user.id === me && <span className="muted"> ({t('you')})</span>}
              <span className="muted member-username">@{user.userName}</span>
            </span>
            <span className={member.role === 'owner' ? 'role-tag owner' : 'role-tag'}>
              {member.role === 'owner' ? t('owner') : t('member')}
            </span>
            {canRemove && member.role !== 'owner' && (
              <button
                type="button"
                className="danger small"
                aria-label={t('removeLabel', { name: user.nickname })}
                onClick={() => onRemove(member)}
              >
                {t('remove')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
