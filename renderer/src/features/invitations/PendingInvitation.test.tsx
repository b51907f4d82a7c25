// @vitest-environment jsdom
import { QueryClient, QueryClientProvider, useInfiniteQuery } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http.js';
import { offlineApi } from '../../api/offline.js';
import { queryKeys } from '../../api/query-keys.js';
import type { Invitation, OfflineHistoryMessage, OfflineMessage } from '../../api/wire.js';
import { dispatchServerEvent } from '../../realtime/dispatch.js';
import { UndoToast } from '../../components/UndoToast.js';
import { useUndoOffer } from '../../components/undo-offer.js';
import { useNavigation } from '../../state/navigation.js';
import { useSettings } from '../../state/settings.js';
import { useAnswers } from './answers-store.js';
import { offlineMessage } from './offline-fixtures.js';
import { offlineHistoryQuery } from './offline-history.js';
import { PendingInvitation } from './PendingInvitation.js';
import { knownProjects } from './task-projects.js';

vi.mock('../../api/offline.js', () => ({ offlineApi: { answer: vi.fn(), undoDecline: vi.fn() } }));
vi.mock('../../api/projects.js', () => ({ projectsApi: { detail: vi.fn(async () => ({ cId: 9 })) } }));

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The item as the section shows it: from the cached history, which follows the server's answer. */
function FromHistory({ onSettled }: { onSettled: (id: string) => void }) {
  const message = useInfiniteQuery(offlineHistoryQuery).data!.pages[0]![0]!;
  return <PendingInvitation message={message} known={knownProjects([], [])} onSettled={onSettled} />;
}

describe('answering an invitation', () => {
  const invitation = offlineMessage('q99731er4keg', 4, false, {
    invitor: '3',
    invitorName: '王五',
    invitorAvatar: '',
    projectId: 'b6e2afa7e6fba73e900ce3251e226572',
    remark: '一起来策划年会吧',
  });
  let queryClient: QueryClient;
  const onSettled = vi.fn();
  const card = { id: 0, userName: '', nickname: '', image: '' };
  /** The invitation as `invitation.updated` carries it, in a given state. */
  const invitationEvent = (state: Invitation['state']): Invitation => ({
    id: invitation.id,
    kind: 'project',
    projectId: invitation.extraInfo.projectId!,
    projectName: '年会筹备',
    taskId: null,
    taskName: null,
    from: { ...card, id: 3, nickname: '王五' },
    to: { ...card, id: 1, nickname: '张三' },
    remark: '',
    state,
    createdAt: '2024-05-01T09:00:00.000Z',
    answeredAt: state === 'pending' ? null : '2024-05-01T09:05:00.000Z',
  });

  function show(message: OfflineHistoryMessage) {
    queryClient.setQueryData(queryKeys.offlineHistory, { pages: [[message]], pageParams: [undefined] });
    return render(
      <QueryClientProvider client={queryClient}>
        <FromHistory onSettled={onSettled} />
        <UndoToast />
      </QueryClientProvider>,
    );
  }

  beforeEach(() => {
    vi.clearAllMocks();
    queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    useSettings.setState({ language: 'en' });
    useAnswers.setState({ answers: {} });
    useUndoOffer.setState({ offer: null });
    useNavigation.setState({ section: 'invitations', windowId: null, projectId: null });
  });
  afterEach(cleanup);

  it('sends one request for a double click, with both buttons disabled while it runs', async () => {
    const answer = deferred<OfflineMessage[]>();
    vi.mocked(offlineApi.answer).mockReturnValue(answer.promise);
    show(invitation);
    const accept = screen.getByRole('button', { name: 'Accept' });
    fireEvent.click(accept);
    fireEvent.click(accept);
    fireEvent.click(screen.getByRole('button', { name: 'Decline' }));
    expect(offlineApi.answer).toHaveBeenCalledTimes(1);
    expect(offlineApi.answer).toHaveBeenCalledWith('q99731er4keg', 'accept');
    expect(screen.getByRole('button', { name: 'Accepting…' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Decline' })).toHaveProperty('disabled', true);
    answer.resolve([{ ...invitation, dealt: true }]);
    expect(await screen.findByText('Accepted')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Accept|Decline/ })).toBeNull();
    expect(onSettled).toHaveBeenCalledWith('q99731er4keg');
    expect(offlineApi.answer).toHaveBeenCalledTimes(1);
  });

  it('once accepted, offers the project and its group chat', async () => {
    vi.mocked(offlineApi.answer).mockResolvedValue([{ ...invitation, dealt: true }]);
    show(invitation);
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    const groupChat = await screen.findByRole('button', { name: 'Open group chat' });
    expect(screen.getByText('Accepted')).toBeTruthy();
    await vi.waitFor(() => expect(groupChat).toHaveProperty('disabled', false));
    fireEvent.click(groupChat);
    expect(useNavigation.getState()).toMatchObject({ section: 'chats', windowId: 9 });
    fireEvent.click(screen.getByRole('button', { name: 'Open project' }));
    expect(useNavigation.getState()).toMatchObject({ section: 'projects', projectId: invitation.extraInfo.projectId });
  });

  it('once declined, offers an undo that makes it pending again, with its answers back', async () => {
    const declined = { ...invitation, dealt: true, state: 'declined' as const };
    vi.mocked(offlineApi.answer).mockResolvedValue([declined]);
    vi.mocked(offlineApi.undoDecline).mockResolvedValue([{ ...invitation, state: 'pending' }]);
    show(invitation);
    fireEvent.click(screen.getByRole('button', { name: 'Decline' }));
    const toast = await screen.findByText('Invitation declined');
    expect(toast.closest('[role="status"]')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('button', { name: 'Accept' })).toBeTruthy();
    expect(offlineApi.undoDecline).toHaveBeenCalledWith('q99731er4keg');
    expect(screen.getByRole('status').textContent).toContain('Undone');
  });

  it('says so in the toast when the decline can no longer be undone', async () => {
    vi.mocked(offlineApi.answer).mockResolvedValue([{ ...invitation, dealt: true, state: 'declined' }]);
    vi.mocked(offlineApi.undoDecline).mockRejectedValue(new ApiError(409, '拒绝已超过 10 秒，无法撤销'));
    show(invitation);
    fireEvent.click(screen.getByRole('button', { name: 'Decline' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('Could not undo: 拒绝已超过 10 秒，无法撤销')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
  });

  it('offers no undo for an accept', async () => {
    vi.mocked(offlineApi.answer).mockResolvedValue([{ ...invitation, dealt: true }]);
    show(invitation);
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    await screen.findByText('Accepted');
    expect(useUndoOffer.getState().offer).toBeNull();
  });

  it('explains a 409 in the server’s words for the state the invitation is in', async () => {
    vi.mocked(offlineApi.answer).mockRejectedValue(new ApiError(409, '已撤销'));
    show(invitation);
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This invitation can no longer be answered: 已撤销');
    expect(onSettled).toHaveBeenCalledWith('q99731er4keg');
    expect(screen.getByRole('button', { name: 'Accept' })).toHaveProperty('disabled', false);
  });

  it('turns withdrawn when its inviter cancels it, live, and offers no answer any more', async () => {
    show({ ...invitation, state: 'pending' });
    expect(screen.getByRole('button', { name: 'Accept' })).toBeTruthy();
    act(() => dispatchServerEvent({ type: 'invitation.updated', data: invitationEvent('cancelled') }, queryClient));
    expect(await screen.findByText('Withdrawn')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Accept|Decline/ })).toBeNull();
  });

  it('says so when the task went to someone else, in Chinese as the server words it', () => {
    useSettings.setState({ language: 'zh-CN' });
    show({ ...invitation, type: 7, dealt: true, state: 'taken' });
    expect(screen.getByText('已被他人接受')).toBeTruthy();
  });

  it('shows the remark and the project name as text, never as markup', () => {
    show({ ...invitation, msg: '王五邀请你加入项目: <script>alert(1)</script>' });
    expect(screen.getByText('王五 invited you to join the project “<script>alert(1)</script>”')).toBeTruthy();
    expect(screen.getByText('Note: 一起来策划年会吧')).toBeTruthy();
    expect(document.querySelector('script')).toBeNull();
  });

  it('shows the server’s own sentence in Chinese', () => {
    useSettings.setState({ language: 'zh-CN' });
    show({ ...invitation, msg: '王五邀请你加入项目: 年会筹备' });
    expect(screen.getByRole('article', { name: '王五邀请你加入项目: 年会筹备' })).toBeTruthy();
  });
});
