import { useEffect, useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
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

/**
 * A combobox over the user directory: type to search, arrows to move, Enter to pick.
 * `exclude` hides people who cannot be picked (yourself, existing members).
 */
export function UserPicker({
  onPick,
  exclude = [],
  label,
  autoFocus = false,
}: {
  onPick: (user: UserProfile) => void;
  exclude?: readonly number[];
  label?: string;
  autoFocus?: boolean;
}) {
  const t = useText(text);
  const listId = useId();
  const [term, setTerm] = useState('');
  const [active, setActive] = useState(0);
  const query = useDebounced(term.trim());
  const users = (
    useQuery({ queryKey: queryKeys.directory(query), queryFn: () => accountsApi.directory(query) }).data ?? []
  ).filter((u) => !exclude.includes(u.id));
  const current = users[Math.min(active, users.length - 1)];

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, users.length - 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter' && current) onPick(current);
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
        {users.map((user) => (
          <li
            key={user.id}
            id={`${listId}-${user.id}`}
            role="option"
            aria-selected={user === current}
            className={user === current ? 'active' : ''}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(user)}
          >
            <Avatar name={user.nickname} image={user.image} id={user.id} size={28} />
            <span>{user.nickname}</span>
            <span className="muted">@{user.userName}</span>
          </li>
        ))}
        {users.length === 0 && <li className="muted">{t('none')}</li>}
      </ul>
    </div>
  );
}
