// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { searchApi, type MessageSearchResult } from '../../../api/search.js';
import { useSettings } from '../../../state/settings.js';
import { ChatSearchBar } from './ChatSearchBar.js';

const hit = (id: number, cId: number): MessageSearchResult => ({
  kind: 'message',
  id,
  cId,
  fromId: 2,
  text: `三点见 ${id}`,
  snippet: `三点见 ${id}`,
  highlights: [{ start: 0, length: 2 }],
  created_at: new Date(Date.UTC(2024, 2, 9, 8, 0, id)).toISOString(),
});

function setup() {
  const onShow = vi.fn();
  const onClose = vi.fn();
  const composer = document.createElement('textarea');
  document.body.append(composer);
  composer.focus();
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ChatSearchBar cId={10} focusRequests={1} onShow={onShow} onClose={onClose} />
    </QueryClientProvider>,
  );
  return { onShow, onClose, composer, field: screen.getByRole('searchbox', { name: '在此聊天中搜索' }) };
}

beforeEach(() => useSettings.setState({ language: 'zh-CN' }));
afterEach(() => {
  cleanup();
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('searching in a chat', () => {
  it('keeps this chat’s matches, shows the newest and says where it is', async () => {
    // Newest first, as the server answers; 31 and 30 are another chat's.
    vi.spyOn(searchApi, 'search').mockResolvedValue([hit(40, 10), hit(31, 11), hit(20, 10), hit(30, 11), hit(9, 10)]);
    const { onShow, field } = setup();
    expect(document.activeElement).toBe(field);
    fireEvent.change(field, { target: { value: '三点' } });
    await waitFor(() => expect(onShow).toHaveBeenCalledWith(40));
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('1 / 3');
    expect(status.textContent).toContain('第 1 条结果，共 3 条');
  });

  it('moves older with Enter or the up arrow, newer with Shift+Enter or the down arrow, round and round', async () => {
    vi.spyOn(searchApi, 'search').mockResolvedValue([hit(40, 10), hit(20, 10), hit(9, 10)]);
    const { onShow, field } = setup();
    fireEvent.change(field, { target: { value: '三点' } });
    await waitFor(() => expect(onShow).toHaveBeenCalledWith(40));
    fireEvent.keyDown(field, { key: 'Enter' });
    fireEvent.keyDown(field, { key: 'ArrowUp' });
    expect(screen.getByRole('status').textContent).toContain('3 / 3');
    fireEvent.keyDown(field, { key: 'Enter' });
    fireEvent.keyDown(field, { key: 'Enter', shiftKey: true });
    fireEvent.keyDown(field, { key: 'ArrowDown' });
    expect(onShow.mock.calls.map(([id]) => id)).toEqual([40, 20, 9, 40, 9, 20]);
    fireEvent.click(screen.getByRole('button', { name: '更早的结果' }));
    expect(onShow).toHaveBeenLastCalledWith(9);
  });

  it('waits for a pause in typing, so the chat moves once to the newest match of the word typed', async () => {
    const search = vi.spyOn(searchApi, 'search').mockResolvedValue([hit(40, 10)]);
    const { onShow, field } = setup();
    for (const typed of ['三', '三点', '三点见']) fireEvent.change(field, { target: { value: typed } });
    await waitFor(() => expect(onShow).toHaveBeenCalledWith(40));
    expect(search.mock.calls.map(([term]) => term)).toEqual(['三点见']);
    expect(onShow).toHaveBeenCalledTimes(1);
  });

  it('says when nothing matches', async () => {
    vi.spyOn(searchApi, 'search').mockResolvedValue([hit(31, 11)]);
    const { onShow, field } = setup();
    fireEvent.change(field, { target: { value: '三点' } });
    expect(await screen.findByText('无结果')).toBeTruthy();
    expect(onShow).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: '更早的结果' })).toHaveProperty('disabled', true);
  });

  it('closes with Escape and gives the focus back', () => {
    const { onClose, field, composer } = setup();
    fireEvent.keyDown(field, { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
    expect(document.activeElement).toBe(composer);
  });
});
