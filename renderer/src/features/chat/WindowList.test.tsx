// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { searchApi, type SearchResult } from '../../api/search.js';
import { useSettings } from '../../state/settings.js';
import { giveElementsAHeight } from '../../testing/layout.js';
import { directWindow, message } from './chat-fixtures.js';
import type { ListedWindow } from './chat-cache.js';
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

function setup({ shown = windows, currentId = 11 }: { shown?: ListedWindow[]; currentId?: number } = {}) {
  const onOpen = vi.fn();
  const onOpenResult = vi.fn();
  render(
    <QueryClientProvider client={new QueryClient()}>
      <WindowList
        windows={shown}
        latest={latest}
        loaded
        error={null}
        me={1}
        currentId={currentId}
        onOpen={onOpen}
        onOpenResult={onOpenResult}
        onNewChat={vi.fn()}
      />
    </QueryClientProvider>,
  );
  return { onOpen, onOpenResult, list: screen.getByRole('listbox', { name: /^(聊天列表|Conversations)$/ }) };
}

giveElementsAHeight(600);
beforeEach(() => useSettings.setState({ language: 'zh-CN' }));
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

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

  it('shows five chats that match a search, and the rest on request', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      directWindow(30 + i, { user: { id: 30 + i, userName: `kefu${i}`, nickname: `客服 ${i}`, image: '' } }),
    );
    render(
      <QueryClientProvider client={new QueryClient()}>
        <WindowList
          windows={many}
          latest={new Map()}
          loaded
          error={null}
          me={1}
          currentId={null}
          onOpen={vi.fn()}
          onOpenResult={vi.fn()}
          onNewChat={vi.fn()}
        />
      </QueryClientProvider>,
    );
    vi.spyOn(searchApi, 'search').mockResolvedValue([]);
    const list = screen.getByRole('listbox', { name: '聊天列表' });
    expect(within(list).getAllByRole('option')).toHaveLength(8);
    fireEvent.change(screen.getByRole('searchbox', { name: '搜索聊天' }), { target: { value: '客服' } });
    expect(within(list).getAllByRole('option')).toHaveLength(5);
    fireEvent.click(screen.getByRole('button', { name: '显示全部 8 个聊天' }));
    expect(within(list).getAllByRole('option')).toHaveLength(8);
    expect(screen.queryByRole('button', { name: /显示全部/ })).toBeNull();
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

  it('puts only the chats in view in the page, and the open one, and reaches the last with End', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      directWindow(1000 + i, { user: { id: 5000 + i, userName: `user${i}`, nickname: `同事${i}`, image: '' } }),
    );
    const { list, onOpen } = setup({ shown: many, currentId: 1200 });
    const options = within(list).getAllByRole('option');
    expect(options.length).toBeLessThan(40);
    expect(options.every((o) => o.getAttribute('aria-setsize') === '300')).toBe(true);
    // The open chat is far below the view, yet in the page: Tab reaches the list there.
    const open = options.find((o) => o.getAttribute('aria-selected') === 'true')!;
    expect(open.getAttribute('aria-posinset')).toBe('201');
    expect(open.tabIndex).toBe(0);
    fireEvent.keyDown(open, { key: 'End' });
    const last = document.activeElement as HTMLElement;
    expect(last.getAttribute('aria-posinset')).toBe('300');
    expect(last.textContent).toContain('同事299');
    fireEvent.keyDown(last, { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledWith(1299);
  });
});

describe('searching messages from the chat list', () => {
  const hits: SearchResult[] = [
    {
      kind: 'message',
      id: 77,
      cId: 11,
      fromId: 3,
      text: '周三去海洋馆看蓝鲸',
      snippet: '周三去海洋馆看蓝鲸',
      highlights: [{ start: 7, length: 2 }],
      created_at: '2024-03-09T08:00:00.000Z',
    },
    {
      kind: 'notification',
      id: 5,
      title: '蓝鲸项目',
      type: 1,
      status: '0',
      text: '',
      snippet: '蓝鲸项目',
      highlights: [{ start: 0, length: 2 }],
      created_at: '2024-03-09T07:00:00.000Z',
    },
    {
      kind: 'message',
      id: 60,
      cId: 10,
      fromId: 1,
      text: '<b>蓝鲸</b>',
      snippet: '<b>蓝鲸</b>',
      highlights: [{ start: 3, length: 2 }],
      created_at: '2024-03-08T08:00:00.000Z',
    },
  ];

  it('shows the messages found below the chats, newest first, with chat, sender and the term marked', async () => {
    const search = vi.spyOn(searchApi, 'search').mockResolvedValue(hits);
    setup();
    fireEvent.change(screen.getByRole('searchbox', { name: '搜索聊天' }), { target: { value: ' 蓝鲸 ' } });
    const found = await screen.findByRole('listbox', { name: '消息' });
    const [first, second] = await within(found).findAllByRole('option');
    expect(search).toHaveBeenCalledTimes(1);
    expect(search.mock.calls[0]![0]).toBe('蓝鲸');
    expect(first!.textContent).toContain('王五');
    expect(first!.textContent).toContain('王五：周三去海洋馆看蓝鲸');
    expect([...first!.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['蓝鲸']);
    // Notifications are the inbox's; markup in a message stays text.
    expect(within(found).getAllByRole('option')).toHaveLength(2);
    expect(second!.textContent).toContain('我：<b>蓝鲸</b>');
    expect(second!.querySelector('b')).toBeNull();
    expect(screen.getByText('没有符合的聊天')).toBeTruthy();
  });

  it('asks at the first keystroke, and once that is answered, for the last term typed meanwhile only', async () => {
    let answerFirst: (hits: SearchResult[]) => void = () => {};
    const search = vi
      .spyOn(searchApi, 'search')
      .mockImplementationOnce(() => new Promise((resolve) => (answerFirst = resolve)))
      .mockResolvedValue([]);
    setup();
    const filter = screen.getByRole('searchbox', { name: '搜索聊天' });
    fireEvent.change(filter, { target: { value: '蓝' } });
    await vi.waitFor(() => expect(search).toHaveBeenCalledTimes(1));
    for (const typed of ['蓝鲸', '蓝鲸馆']) fireEvent.change(filter, { target: { value: typed } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(search).toHaveBeenCalledTimes(1);
    answerFirst([]);
    expect(await screen.findByText('没有找到相关消息')).toBeTruthy();
    expect(search.mock.calls.map(([term]) => term)).toEqual(['蓝', '蓝鲸馆']);
  });

  it('neither filters nor searches by the letters an input method shows while a word is composed', async () => {
    const search = vi.spyOn(searchApi, 'search').mockResolvedValue([]);
    const { list } = setup();
    const filter = screen.getByRole<HTMLInputElement>('searchbox', { name: '搜索聊天' });
    // As a browser does it: the value changes under React (not through its own setter), then the event says why.
    const setValue = (value: string) =>
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(filter, value);
    fireEvent.compositionStart(filter);
    for (const typed of ['w', 'wa', 'wang']) {
      setValue(typed);
      fireEvent(filter, new InputEvent('input', { bubbles: true, isComposing: true }));
    }
    expect(filter.value).toBe('wang');
    expect(within(list).getAllByRole('option')).toHaveLength(3);
    setValue('王');
    fireEvent(filter, new InputEvent('input', { bubbles: true, isComposing: true }));
    fireEvent.compositionEnd(filter);
    expect(within(list).getAllByRole('option')).toHaveLength(1);
    expect(await screen.findByText('没有找到相关消息')).toBeTruthy();
    expect(search.mock.calls.map(([term]) => term)).toEqual(['王']);
  });

  it('is reached with the arrow keys from the chats, and Enter opens a message', async () => {
    vi.spyOn(searchApi, 'search').mockResolvedValue(hits);
    const { onOpenResult, list } = setup();
    const filter = screen.getByRole('searchbox', { name: '搜索聊天' });
    fireEvent.change(filter, { target: { value: '王' } });
    const found = await screen.findByRole('listbox', { name: '消息' });
    const [wangwu] = within(list).getAllByRole('option');
    const [first, second] = await within(found).findAllByRole('option');
    fireEvent.keyDown(filter, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(wangwu);
    fireEvent.keyDown(wangwu!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(first!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(second);
    expect([first, second].map((o) => o!.tabIndex)).toEqual([-1, 0]);
    fireEvent.keyDown(second!, { key: 'Enter' });
    expect(onOpenResult).toHaveBeenCalledWith(expect.objectContaining({ id: 60, cId: 10 }));
    fireEvent.keyDown(second!, { key: 'ArrowUp' });
    fireEvent.keyDown(first!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(wangwu);
  });
});
