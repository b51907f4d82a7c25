// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from '../../api/http.js';
import { messageActionsApi } from '../../api/message-actions.js';
import { queryKeys } from '../../api/query-keys.js';
import type { ChatMessage } from '../../api/wire.js';
import { useSettings } from '../../state/settings.js';
import { message } from './chat-fixtures.js';
import type { History } from './history.js';
import { MessageBubble, messageBubble } from './MessageBubble.js';
import { useMessageActions } from './message-mutations.js';
import { useReplyTargets } from './reply-target.js';

const me = 1;
const people = new Map([[2, { id: 2, userName: 'lisi', nickname: '李四', image: '' }]]);

/** A message of the cached history, shown as the list shows it: with its menu and reactions. */
function Shown({ shown, queryClient }: { shown: ChatMessage; queryClient: QueryClient }) {
  const cached =
    queryClient.getQueryData<History>(queryKeys.history(10))!.messages.find((m) => m.id === shown.id) ?? shown;
  const actions = useMessageActions(cached, me, () => undefined);
  return (
    <MessageBubble
      bubble={messageBubble(cached)}
      own={cached.fromId === me}
      joined={false}
      sender={people.get(cached.fromId)}
      group={false}
      me={me}
      people={people}
      sent={{ message: cached, actions, unread: null, onDialog: vi.fn(), onJump: vi.fn() }}
      onOpenImage={vi.fn()}
      onRetry={vi.fn()}
      onDiscard={vi.fn()}
    />
  );
}

function show(shown: ChatMessage) {
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  queryClient.setQueryData<History>(queryKeys.history(10), { messages: [shown], complete: true, reachesLatest: true });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <Shown shown={shown} queryClient={queryClient} />
    </QueryClientProvider>,
  );
  const rerender = () =>
    view.rerender(
      <QueryClientProvider client={queryClient}>
        <Shown shown={shown} queryClient={queryClient} />
      </QueryClientProvider>,
    );
  return { queryClient, rerender, target: view.container.querySelector<HTMLElement>('.message-column')! };
}

const justNow = () => new Date(Date.now() - 10_000).toISOString();
const menuItems = () =>
  screen.getAllByRole('menuitem').map((item) => item.getAttribute('aria-label') ?? item.textContent);

beforeAll(() => {
  // The menus measure their trigger and themselves; jsdom lays nothing out.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
beforeEach(() => useSettings.setState({ language: 'zh-CN' }));
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('a message’s menu', () => {
  it('belongs to an article named by who sent the message and what it says', () => {
    const { target } = show(message(5, { fromId: me, message: '明天见', created_at: justNow() }));
    expect(screen.getByRole('article', { name: /^我：明天见（/ })).toBe(target);
  });

  it('opens on a right-click, with reactions and what the user may do to their own new message', async () => {
    const { target } = show(message(5, { fromId: me, created_at: justNow() }));
    fireEvent.contextMenu(target);
    expect(await screen.findByRole('menu', { name: '消息操作' })).toBeTruthy();
    expect(menuItems()).toEqual([
      '添加表情回应 👍',
      '添加表情回应 ❤️',
      '添加表情回应 😂',
      '添加表情回应 🎉',
      '添加表情回应 😮',
      '添加表情回应 🙏',
      '回复',
      '转发',
      '复制',
      '编辑',
      '撤回',
      '删除',
    ]);
  });

  it('opens from the keyboard: Shift+F10 or the Menu key on the focused message', async () => {
    const { target } = show(message(5, { fromId: 2 }));
    target.focus();
    fireEvent.keyDown(target, { key: 'F10', shiftKey: true });
    // The button's menu, named by its button.
    expect(await screen.findByRole('menu', { name: '更多操作' })).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
    fireEvent.keyDown(target, { key: 'ContextMenu' });
    expect(await screen.findByRole('menu')).toBeTruthy();
  });

  it('puts its "⋯" button in the page only while the message is hovered or has the focus', async () => {
    const { target } = show(message(5, { fromId: 2 }));
    const row = target.closest('.message-row')!;
    const button = () => screen.queryByRole('button', { name: '更多操作' });
    expect(button()).toBeNull();
    fireEvent.mouseEnter(row);
    fireEvent.keyDown(button()!, { key: 'Enter' });
    expect(await screen.findByRole('menu', { name: '更多操作' })).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
    fireEvent.mouseLeave(row);
    expect(button()).toBeNull();
    act(() => target.focus());
    expect(button()).not.toBeNull();
  });

  it('offers recall only on the user’s own message, for two minutes', async () => {
    const { target } = show(message(5, { fromId: me, created_at: new Date(Date.now() - 121_000).toISOString() }));
    fireEvent.contextMenu(target);
    await screen.findByRole('menu');
    expect(menuItems()).not.toContain('撤回');
    expect(menuItems()).toContain('编辑');
    cleanup();

    const theirs = show(message(6, { fromId: 2, created_at: justNow() }));
    fireEvent.contextMenu(theirs.target);
    await screen.findByRole('menu');
    expect(menuItems()).not.toContain('撤回');
    expect(menuItems()).not.toContain('编辑');
  });

  it('sets the composer’s reply target', async () => {
    const shown = message(5, { fromId: 2 });
    const { target } = show(shown);
    fireEvent.contextMenu(target);
    fireEvent.click(await screen.findByRole('menuitem', { name: '回复' }));
    expect(useReplyTargets.getState().byWindow[10]).toMatchObject({ id: 5 });
  });

  it('shows a reaction at once, and takes it back when the server refuses', async () => {
    let refuse!: (error: Error) => void;
    vi.spyOn(messageActionsApi, 'react').mockReturnValue(new Promise((_, reject) => (refuse = reject)));
    const { target, queryClient, rerender } = show(message(5, { fromId: 2 }));
    fireEvent.contextMenu(target);
    fireEvent.click(await screen.findByRole('menuitem', { name: '添加表情回应 🎉' }));
    await waitFor(() =>
      expect(queryClient.getQueryData<History>(queryKeys.history(10))!.messages[0]!.reactions).toEqual([
        { emoji: '🎉', userIds: [me] },
      ]),
    );
    rerender();
    expect(screen.getByRole('button', { name: '🎉 1：我' }).getAttribute('aria-pressed')).toBe('true');

    await act(async () => refuse(new ApiError(409, 'recalled')));
    await waitFor(() =>
      expect(queryClient.getQueryData<History>(queryKeys.history(10))!.messages[0]!.reactions).toEqual([]),
    );
    rerender();
    expect(screen.queryByRole('button', { name: /🎉/ })).toBeNull();
    expect(messageActionsApi.react).toHaveBeenCalledWith(10, 5, '🎉', true);
  });

  it('toggles the user’s own reaction off from its chip, and keeps the server’s answer', async () => {
    const liked = message(5, { fromId: 2, reactions: [{ emoji: '👍', userIds: [2, me] }] });
    vi.spyOn(messageActionsApi, 'react').mockResolvedValue({ ...liked, reactions: [{ emoji: '👍', userIds: [2] }] });
    const { queryClient } = show(liked);
    fireEvent.click(screen.getByRole('button', { name: '👍 2：李四、我' }));
    await waitFor(() => expect(messageActionsApi.react).toHaveBeenCalledWith(10, 5, '👍', false));
    await waitFor(() =>
      expect(queryClient.getQueryData<History>(queryKeys.history(10))!.messages[0]!.reactions).toEqual([
        { emoji: '👍', userIds: [2] },
      ]),
    );
  });

  it('deletes for the user at once, and puts the message back when the server refuses', async () => {
    let refuse!: (error: Error) => void;
    vi.spyOn(messageActionsApi, 'deleteForMe').mockReturnValue(new Promise((_, reject) => (refuse = reject)));
    const { target, queryClient } = show(message(5, { fromId: 2 }));
    const ids = () => queryClient.getQueryData<History>(queryKeys.history(10))!.messages.map((m) => m.id);
    fireEvent.contextMenu(target);
    fireEvent.click(await screen.findByRole('menuitem', { name: '删除' }));
    await waitFor(() => expect(ids()).toEqual([]));
    await act(async () => refuse(new ApiError(0, 'network unreachable')));
    await waitFor(() => expect(ids()).toEqual([5]));
  });
});
