import { useEffect, useId, useState, type ReactNode } from 'react';
import { useQuery, type QueryKey } from '@tanstack/react-query';
import { accountsApi } from '../api/accounts.js';
import { queryKeys } from '../api/query-keys.js';
import type { UserProfile } from '../api/wire.js';
import { defineText, useText } from '../i18n/text.js';
import { Avatar } from './Avatar.js';

const text = defineText({
  'zh-CN': { search: '搜索用户名或昵称', none: '没有找到用户', results: '用户' },
  en: { search: 'Search by username or name', none: 'No one found', results: 'People' },
});

/** Waits until typing pauses, so the directory is not asked on every key. */
function useDebounced<T>(value: T, ms = 200): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Where the matches for a search term come from, and under which cache key. */
export type UserSearch<U extends UserProfile> = (q: string) => { queryKey: QueryKey; queryFn: () => Promise<U[]> };

const directory: UserSearch<UserProfile> = (q) => ({
  queryKey: queryKeys.directory(q),
  queryFn: () => accountsApi.directory(q),
});

interface PickerProps<U extends UserProfile> {
  onPick: (user: U) => void;
  exclude?: readonly number[];
  label?: string;
  autoFocus?: boolean;
  /** Why someone cannot be picked (shown beside them, and they are not offered), or null. */
  unavailable?: (user: U) => string | null;
}

/**
 * A combobox over the user directory (or `search`): type to search, arrows to move, Enter
 * to pick. `exclude` hides people who cannot be picked (yourself, existing members);
 * `unavailable` shows them disabled with the reason instead.
 */
export function UserPicker<U extends UserProfile>(props: PickerProps<U> & { search: UserSearch<U> }): ReactNode;
export function UserPicker(props: PickerProps<UserProfile> & { search?: UserSearch<UserProfile> }): ReactNode;
export function UserPicker({
  onPick,
  exclude = [],
  label,
  autoFocus = false,
  unavailable = () => null,
  search = directory,
}: PickerProps<UserProfile> & { search?: UserSearch<UserProfile> }) {
  const t = useText(text);
  const listId = useId();
  const [term, setTerm] = useState('');
  const [active, setActive] = useState(0);
  const query = useDebounced(term.trim());
  const users = (useQuery(search(query)).data ?? []).filter((u) => !exclude.includes(u.id));
  const current = users[Math.min(active, users.length - 1)];
  const pick = (user: UserProfile) => unavailable(user) === null && onPick(user);

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, users.length - 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter' && current) pick(current);
    else return;
    event.preventDefault();
  }

  return (
    <div className="user-picker">
      <input
        type="search"
        role="combobox"
        aria-label={label ?? t('search')}
        aria-expanded={users.length > 0}
        aria-controls={listId}
        aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
        placeholder={t('search')}
        value={term}
        autoFocus={autoFocus}
        onChange={(e) => {
          setTerm(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={t('results')}>
        {users.map((user) => {
          const reason = unavailable(user);
          return (
            <li
              key={user.id}
              id={`${listId}-${user.id}`}
              role="option"
              aria-selected={user === current}
              aria-disabled={reason !== null || undefined}
              className={[user === current && 'active', reason !== null && 'unavailable'].filter(Boolean).join(' ')}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(user)}
            >
              <Avatar name={user.nickname} image={user.image} id={user.id} size={28} />
              <span>{user.nickname}</span>
              <span className="muted">@{user.userName}</span>
              {reason !== null && <span className="picker-reason">{reason}</span>}
            </li>
          );
        })}
        {users.length === 0 && <li className="muted">{t('none')}</li>}
      </ul>
    </div>
  );
}
