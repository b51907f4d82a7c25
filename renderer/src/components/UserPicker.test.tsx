// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserProfile } from '../api/wire.js';
import { useSettings } from '../state/settings.js';
import { UserPicker, type UserSearch } from './UserPicker.js';

type Found = UserProfile & { busy: boolean };
const user = (id: number, nickname: string, busy: boolean): Found => ({
  id,
  userName: `u${id}`,
  nickname,
  image: '',
  role: 'MEMBER',
  busy,
});
const search: UserSearch<Found> = (q) => ({
  queryKey: ['test-people', q],
  queryFn: async () => [user(1, '李四', true), user(2, '赵六', false)],
});

beforeEach(() => useSettings.setState({ language: 'en' }));
afterEach(cleanup);

describe('a picker with people who cannot be picked', () => {
  it('lists them disabled with the reason, and neither click nor Enter picks them', async () => {
    const onPick = vi.fn();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <UserPicker search={search} onPick={onPick} unavailable={(u) => (u.busy ? 'Busy' : null)} label="Who" />
      </QueryClientProvider>,
    );
    const busy = await screen.findByRole('option', { name: /李四.*Busy/ });
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByRole('option', { name: /赵六/ }).getAttribute('aria-disabled')).toBeNull();

    const box = screen.getByRole('combobox', { name: 'Who' });
    fireEvent.click(busy);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onPick).not.toHaveBeenCalled();

    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ id: 2 }));
  });
});
