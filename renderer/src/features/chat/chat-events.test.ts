// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { chatApi } from '../../api/chat.js';
import { queryKeys } from '../../api/query-keys.js';
import type { ChatMessage, ChatWindow, ServerEvent } from '../../api/wire.js';
import { notify } from '../../notify.js';
import { dispatchServerEvent } from '../../realtime/dispatch.js';
import { countsEvent } from '../../realtime/event-fixtures.js';
import { useNavigation } from '../../state/navigation.js';
import { useSession } from '../../state/session.js';
import { findWindow, listWindow, type WindowListing } from './chat-cache.js';
import { catchUp } from './chat-events.js';
import { directWindow, message } from './chat-fixtures.js';
import type { History } from './history.js';
import { useOutbox } from './outbox.js';

vi.mock('../../notify.js', () => ({ notify: vi.fn() }));

const me = 1;

/** The cache after fetching the lists: one-to-one windows 10 (one message) and 11, group window 20. */
function cache() {
  const queryClient = new QueryClient();
  const listing = (...windows: ChatWindow[]): WindowListing => ({
    total: windows.length,
    list: windows.map((window) => listWindow(queryClient, window)),
  });
  queryClient.setQueryData(
    queryKeys.windows('all'),
    listing(directWindow(10, { messages: [message(1)] }), directWindow(11, { unread: 2 })),
  );
  queryClient.setQueryData(
    queryKeys.windows('group'),
    listing(
      directWindow(20, {
        type: 'group',
        user: null,
        toId: null,
        group: { id: 20, name: '官网改版', projectId: 'p1', memberCount: 3 },
      }),
    ),
  );
  return queryClient;
}

const history = (queryClient: QueryClient, cId = 10) => queryClient.getQueryData<History>(queryKeys.history(cId))!;
const event = (serverEvent: ServerEvent, queryClient: QueryClient) => dispatchServerEvent(serverEvent, queryClient);

beforeEach(() => {
  useSession.setState({
    token: 't',
    user: { id: me, userName: 'zhangsan', nickname: '张三', image: '', role: 'MEMBER' },
  });
  useOutbox.setState({ items: {} });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.mocked(notify).mockClear();
  vi.useRealTimers();
});

describe('message.new', () => {
  it('lands in the history, moves the list’s preview, and tells the user, whose click opens the chat', async () => {
    const queryClient = cache();
    event({ type: 'message.new', data: message(2, { message: '在吗？' }) }, queryClient);
    expect(history(queryClient).messages.map((m) => m.id)).toEqual([1, 2]);
    expect(findWindow(queryClient, 10)).toMatchObject({ unread: 0, afterMessage: '在吗？' });
    await vi.waitFor(() => expect(notify).toHaveBeenCalledTimes(1));
    const shown = vi.mocked(notify).mock.calls[0]![0];
    expect(shown).toMatchObject({ title: '李四', body: '在吗？' });
    useNavigation.setState({ windowId: null, section: 'inbox' });
    shown.onClick!();
    expect(useNavigation.getState()).toMatchObject({ windowId: 10, section: 'chats' });
  });

  it('of one’s own takes the pending copy out of the outbox and tells no one', async () => {
    const queryClient = cache();
    useOutbox.getState().put({
      clientMsgId: 'abc',
      cId: 10,
      fromId: me,
      order: 1,
      type: 'TEXT',
      text: 'hi',
      state: 'sending',
      progress: 0,
      created_at: new Date().toISOString(),
    });
    event({ type: 'message.new', data: message(2, { fromId: me, clientMsgId: 'abc' }) }, queryClient);
    expect(useOutbox.getState().items).toEqual({});
    expect(history(queryClient).messages.map((m) => m.id)).toEqual([1, 2]);
    await Promise.resolve();
    expect(notify).not.toHaveBeenCalled();
  });

  it('in a window the lists do not have fetches the lists again', () => {
    const queryClient = cache();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    event({ type: 'message.new', data: message(2, { cId: 77 }) }, queryClient);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.allWindows });
  });
});

describe('the counts event', () => {
  it('sets the unread count of each window it names, and only those', () => {
    const queryClient = cache();
    event({ type: 'message.new', data: message(2) }, queryClient);
    event(countsEvent({ chatUnread: 3, windows: [{ cId: 10, unread: 1, mentionUnread: 0 }] }), queryClient);
    expect(findWindow(queryClient, 10)!.unread).toBe(1);
    expect(findWindow(queryClient, 11)!.unread).toBe(2);
    event(
      countsEvent({
        windows: [
          { cId: 11, unread: 0, mentionUnread: 0 },
          { cId: 99, unread: 5, mentionUnread: 0 },
        ],
      }),
      queryClient,
    );
    expect(findWindow(queryClient, 10)!.unread).toBe(1);
    expect(findWindow(queryClient, 11)!.unread).toBe(0);
    expect(findWindow(queryClient, 99)).toBeUndefined();
  });

  it('sets how many unread messages mention the user, for the list’s [有人@我]', () => {
    const queryClient = cache();
    event(countsEvent({ windows: [{ cId: 20, unread: 2, mentionUnread: 1 }] }), queryClient);
    expect(findWindow(queryClient, 20)).toMatchObject({ unread: 2, mentionUnread: 1 });
    event(countsEvent({ windows: [{ cId: 20, unread: 0, mentionUnread: 0 }] }), queryClient);
    expect(findWindow(queryClient, 20)).toMatchObject({ unread: 0, mentionUnread: 0 });
  });
});

describe('changes to sent messages', () => {
  it('message.recalled erases the message and quotes of it, and the list’s preview when it was the latest', () => {
    const queryClient = cache();
    const reply = message(2, { replyTo: { id: 1, fromId: 2, summary: 'message 1', recalled: false } });
    event({ type: 'message.new', data: reply }, queryClient);
    event(
      { type: 'message.new', data: message(3, { message: '最后一条', attachment: { id: 'a', url: '/a' } }) },
      queryClient,
    );
    event({ type: 'message.recalled', data: { cId: 10, id: 1 } }, queryClient);
    expect(history(queryClient).messages[0]).toMatchObject({ id: 1, recalled: true, message: '' });
    expect(history(queryClient).messages[1]!.replyTo).toMatchObject({ id: 1, recalled: true, summary: '' });
    expect(findWindow(queryClient, 10)!.afterMessage).toBe('最后一条');

    event({ type: 'message.recalled', data: { cId: 10, id: 3 } }, queryClient);
    expect(history(queryClient).messages[2]).toMatchObject({ recalled: true, message: '', attachment: null });
    expect(findWindow(queryClient, 10)!.afterMessage).toBe('[已撤回]');
  });

  it('message.updated replaces the copy (an edit, reactions) without taking back its receipts', () => {
    const queryClient = cache();
    event({ type: 'message.new', data: message(2, { fromId: me }) }, queryClient);
    event({ type: 'message.delivered', data: { cId: 10, ids: [2], userId: 2 } }, queryClient);
    const edited = message(2, {
      fromId: me,
      message: '改过了',
      editedAt: 9,
      reactions: [{ emoji: '👍', userIds: [2] }],
    });
    event({ type: 'message.updated', data: edited }, queryClient);
    expect(history(queryClient).messages[1]).toMatchObject({
      message: '改过了',
      editedAt: 9,
      reactions: edited.reactions,
    });
    expect(history(queryClient).messages[1]!.deliveredAt).not.toBeNull();
  });

  it('message.hidden takes the message out of this user’s history', () => {
    const queryClient = cache();
    event({ type: 'message.new', data: message(2) }, queryClient);
    event({ type: 'message.hidden', data: { cId: 10, id: 1 } }, queryClient);
    expect(history(queryClient).messages.map((m) => m.id)).toEqual([2]);
  });
});

describe('receipts', () => {
  it('message.delivered and message.read move the ticks of own messages', () => {
    const queryClient = cache();
    queryClient.setQueryData<History>(queryKeys.history(10), {
      messages: [message(1, { fromId: me }), message(2, { fromId: me })],
      complete: true,
      reachesLatest: true,
    });
    event({ type: 'message.delivered', data: { cId: 10, ids: [1, 2], userId: 2 } }, queryClient);
    expect(history(queryClient).messages.map((m) => m.deliveredAt !== null)).toEqual([true, true]);
    event({ type: 'message.read', data: { cId: 10, upTo: 1, userId: 2 } }, queryClient);
    expect(history(queryClient).messages.map((m) => m.readAt !== null)).toEqual([true, false]);
  });

  it('message.read in a group asks the server once, after the burst, which messages everyone has read', async () => {
    vi.useFakeTimers();
    const queryClient = cache();
    const own = [message(5, { cId: 20, fromId: me, toId: null }), message(6, { cId: 20, fromId: me, toId: null })];
    queryClient.setQueryData<History>(queryKeys.history(20), { messages: own, complete: true, reachesLatest: true });
    const fetch = vi.spyOn(chatApi, 'history').mockResolvedValue([{ ...own[0]!, status: true }, own[1]!]);
    event({ type: 'message.read', data: { cId: 20, upTo: 5, userId: 2 } }, queryClient);
    event({ type: 'message.read', data: { cId: 20, upTo: 6, userId: 3 } }, queryClient);
    await vi.advanceTimersByTimeAsync(400);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(20, 7, 100);
    expect(history(queryClient, 20).messages.map((m) => m.status)).toEqual([true, false]);
  });
});

describe('catching up after a reconnect', () => {
  it('pages through what was missed, merges it by id, settles the outbox and refreshes the lists', async () => {
    const queryClient = cache();
    useOutbox.getState().put({
      clientMsgId: 'sent-while-away',
      cId: 10,
      fromId: me,
      order: 1,
      type: 'TEXT',
      text: 'hi',
      state: 'failed',
      progress: 0,
      created_at: new Date().toISOString(),
    });
    const first: ChatMessage[] = Array.from({ length: 500 }, (_, i) => message(i + 1));
    const second = [message(501), message(502, { fromId: me, clientMsgId: 'sent-while-away' })];
    const since = vi.spyOn(chatApi, 'since').mockResolvedValueOnce(first).mockResolvedValueOnce(second);
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');

    await catchUp(queryClient);

    expect(since.mock.calls).toEqual([
      [1, 500],
      [500, 500],
    ]);
    const ids = history(queryClient).messages.map((m) => m.id);
    expect(ids).toHaveLength(502);
    expect(new Set(ids).size).toBe(502);
    expect(useOutbox.getState().items).toEqual({});
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.allWindows });
  });

  it('leaves a group seeded from the list to be read whole when opened, what it caught up included', async () => {
    const queryClient = cache();
    vi.spyOn(chatApi, 'since').mockResolvedValueOnce([message(2, { cId: 20, fromId: 3, toId: null })]);
    await catchUp(queryClient);
    expect(history(queryClient, 20).messages.map((m) => m.id)).toEqual([2]);
    // The seed has no system lines (who joined): opening the group must still read its history.
    expect(queryClient.getQueryState(queryKeys.history(20))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(queryKeys.history(10))?.isInvalidated).toBe(false);
  });
});
