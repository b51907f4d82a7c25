import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import type { MessageSearchResult } from '../../../api/search.js';
import type { ProjectDetail, UserCard } from '../../../api/wire.js';
import { useText } from '../../../i18n/text.js';
import { projectQuery } from '../../projects/project-queries.js';
import type { ListedWindow } from '../chat-cache.js';
import { chatText } from '../chat-text.js';

const membersOf = (projects: UseQueryResult<ProjectDetail>[]): ReadonlyMap<number, UserCard> =>
  new Map(projects.flatMap(({ data }) => data?.members.map((member) => [member.user.id, member.user] as const) ?? []));

/**
 * Who sent each found message, by name: "you", the other side of a one-to-one chat, or a
 * member of a group's project (a result carries only the sender's id; the projects of the
 * groups found are fetched, as an open group does).
 */
export function useSenderNames(
  results: readonly MessageSearchResult[],
  windows: ReadonlyMap<number, ListedWindow>,
  me: number,
): (result: MessageSearchResult) => string {
  const t = useText(chatText);
  const projectIds = new Set(results.flatMap((result) => windows.get(result.cId)?.group?.projectId ?? []));
  const members = useQueries({ queries: [...projectIds].map(projectQuery), combine: membersOf });
  return ({ cId, fromId }) => {
    if (fromId === me) return t('you');
    const window = windows.get(cId);
    const person = window?.user?.id === fromId ? window.user : members.get(fromId);
    return person?.nickname ?? t('unknownSender', { id: fromId });
  };
}
