// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useSettings } from '../../state/settings.js';
import { directWindow, message } from './chat-fixtures.js';
import { WindowList } from './WindowList.js';

const windows = [
  directWindow(10, { unread: 3, afterMessage: '明天见' }),
  directWindow(11, { user: { id: 3, userName: 'wangwu', nickname: '王五', image: '' }, afterMessage: '[图片]' }),
  directWindow(20, {
    type: 'group',
    user: null,
    toId: null,
    group: { id: 20, name: '官网改版', projectId: 'p', memberCount: 3 },
    afterMessage: '[语音] 听一下',
  }),
];
/** The latest message of each window whose history is loaded (the group's is not). */
const latest = new Map([
  [10, message(5, { message: '明天见' })],
  [11, message(4, { cId: 11, fromId: 1, type: 'IMAGE', message: '' })],
]);

function setup() {
  const onOpen = vi.fn();
  render(
    <WindowList
      windows={windows}
      latest={latest}
      loaded
      error={null}
      me={1}
      currentId={11}
      onOpen={onOpen}
      onNewChat={vi.fn()}
    />,
  );
  return { onOpen, list: screen.getByRole('listbox') };
}

beforeEach(() => useSettings.setState({ language: 'zh-CN' }));
afterEach(cleanup);

describe('the window list', () => {
  it('shows each chat with its name, latest message, unread count and the open one selected', () => {
    const { list } = setup();
    const [lisi, wangwu, group] = within(list).getAllByRole('option');
    expect(lisi!.textContent).toContain('李四');
    expect(lisi!.textContent).toContain('明天见');
    expect(within(lisi!).getByLabelText('3 条未读')).toBeTruthy();
    expect(wangwu!.textContent).toContain('我：[图片]');
    expect(wangwu!.getAttribute('aria-selected')).toBe('true');
    expect(group!.textContent).toContain('官网改版');
  });

  it('words the latest message in the user’s language, and shows the server’s preview while no history is loaded', () => {
    useSettings.setState({ language: 'en' });
    const { list } = setup();
    const [, wangwu, group] = within(list).getAllByRole('option');
    expect(wangwu!.textContent).toContain('You: [Image]');
    expect(group!.textContent).toContain('[语音] 听一下');
  });

  it('filters by name and by message text', () => {
    const { list } = setup();
    const filter = screen.getByRole('searchbox', { name: '搜索聊天' });
    fireEvent.change(filter, { target: { value: '明天' } });
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([expect.stringContaining('李四')]);
    fireEvent.change(filter, { target: { value: 'WANGWU' } });
    expect(within(list).getAllByRole('option')).toHaveLength(1);
    fireEvent.change(filter, { target: { value: '没有这个人' } });
    expect(screen.getByText('没有符合的聊天')).toBeTruthy();
  });

  it('moves with the arrow keys and opens with Enter; one option is in the tab order', () => {
    const { list, onOpen } = setup();
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.tabIndex)).toEqual([-1, 0, -1]);
    fireEvent.keyDown(screen.getByRole('searchbox', { name: '搜索聊天' }), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(options[0]);
    fireEvent.keyDown(options[0]!, { key: 'ArrowDown' });
    fireEvent.keyDown(options[1]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(options[2]);
    fireEvent.keyDown(options[2]!, { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledWith(20);
  });
});
