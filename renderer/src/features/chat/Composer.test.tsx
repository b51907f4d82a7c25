// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { chatApi, type OutgoingMessage } from '../../api/chat.js';
import { projectsApi } from '../../api/projects.js';
import type { ProjectDetail, UserCard } from '../../api/wire.js';
import { useSettings } from '../../state/settings.js';
import { useRefusedFiles } from './attachments.js';
import type { ListedWindow } from './chat-cache.js';
import { directWindow, message } from './chat-fixtures.js';
import { Composer } from './Composer.js';
import { useDrafts } from './drafts.js';
import { closeOutbox, useOutbox } from './outbox.js';
import { useReplyTargets } from './reply-target.js';
import { MAX_MEDIA_BYTES } from './upload.js';

vi.mock(import('./upload.js'), async (original) => ({
  ...(await original()),
  uploadAttachment: vi.fn((): Promise<never> => new Promise(() => undefined)),
}));

const me = 1;
const user = (id: number, userName: string, nickname: string): UserCard => ({ id, userName, nickname, image: '' });
const members = [user(1, 'zhangsan', '张三'), user(2, 'lisi', '李四'), user(3, 'wangwu', '王五')];

function project(ownerId: number): ProjectDetail {
  return {
    id: 'p1',
    name: '年会筹备',
    ownerId,
    cId: 20,
    created_at: '2024-03-09T08:00:00.000Z',
    members: members.map((member) => ({
      user: member,
      role: member.id === ownerId ? 'owner' : 'member',
      joined_at: '',
    })),
    tasks: [],
  };
}

const direct: ListedWindow = directWindow(10);
const group: ListedWindow = {
  ...direct,
  id: 20,
  toId: null,
  user: null,
  type: 'group',
  group: { id: 20, name: '年会筹备', projectId: 'p1', memberCount: 3 },
};

let sent: OutgoingMessage[];
let onSent: ReturnType<typeof vi.fn<() => void>>;

function setup(window: ListedWindow = direct) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <Composer cId={window.id} me={me} window={window} onSent={onSent} />
    </QueryClientProvider>,
  );
  return { field: screen.getByRole('textbox', { name: '消息' }) as HTMLTextAreaElement, view };
}

const type = (field: HTMLTextAreaElement, value: string) => fireEvent.change(field, { target: { value } });
const outboxItems = () => Object.values(useOutbox.getState().items);

beforeEach(() => {
  useSettings.setState({ language: 'zh-CN' });
  useDrafts.setState({ drafts: {} });
  useOutbox.setState({ items: {} });
  useReplyTargets.setState({ byWindow: {} });
  useRefusedFiles.setState({ byWindow: {} });
  URL.createObjectURL = vi.fn(() => 'blob:preview');
  sent = [];
  onSent = vi.fn<() => void>();
  vi.spyOn(chatApi, 'send').mockImplementation((_cId, outgoing) => {
    sent.push(outgoing);
    return new Promise(() => undefined);
  });
  vi.spyOn(projectsApi, 'detail').mockResolvedValue(project(me));
});
afterEach(() => {
  cleanup();
  closeOutbox();
  vi.restoreAllMocks();
});

describe('the composer', () => {
  it('is focused when a window opens', () => {
    const { field } = setup();
    expect(document.activeElement).toBe(field);
  });

  it('sends on Enter, trimmed, and empties the field and the draft', async () => {
    const { field } = setup();
    type(field, '  下午三点开会\n地点待定  ');
    fireEvent.keyDown(field, { key: 'Enter' });
    await vi.waitFor(() =>
      expect(sent).toEqual([{ message: '下午三点开会\n地点待定', type: 'TEXT', clientMsgId: expect.any(String) }]),
    );
    expect(onSent).toHaveBeenCalledTimes(1);
    expect(field.value).toBe('');
    expect(useDrafts.getState().drafts).toEqual({});
  });

  it('leaves Shift+Enter to the field (a new line), and Enter to an input method that is composing', () => {
    const { field } = setup();
    type(field, 'nihao');
    fireEvent.keyDown(field, { key: 'Enter', shiftKey: true });
    fireEvent.keyDown(field, { key: 'Enter', isComposing: true });
    expect(outboxItems()).toEqual([]);
  });

  it('sends nothing when there is only white space, and says so with a disabled button', () => {
    const { field } = setup();
    type(field, '   \n ');
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(outboxItems()).toEqual([]);
    expect(screen.getByRole('button', { name: '发送' })).toHaveProperty('disabled', true);
  });

  it('keeps a draft per window: it is there again when the window is opened again', () => {
    const first = setup(direct);
    type(first.field, '写了一半');
    first.view.unmount();
    const other = setup(group);
    expect(other.field.value).toBe('');
    other.view.unmount();
    expect(setup(direct).field.value).toBe('写了一半');
  });
});

describe('files', () => {
  it('sends a pasted image as an image and a pasted file as a file, and lets pasted text through', () => {
    const { field } = setup();
    const image = new File([new Uint8Array([137, 80, 78, 71])], 'shot.png', { type: 'image/png' });
    const sheet = new File(['a,b'], '预算.csv', { type: 'text/csv' });
    expect(fireEvent.paste(field, { clipboardData: { files: [image, sheet] } })).toBe(false);
    expect(outboxItems()).toMatchObject([
      { type: 'IMAGE', state: 'uploading' },
      { type: 'FILE', fileName: '预算.csv' },
    ]);
    expect(onSent).toHaveBeenCalledTimes(1);
    expect(fireEvent.paste(field, { clipboardData: { files: [] } })).toBe(true);
    expect(outboxItems()).toHaveLength(2);
  });

  it('takes any file from the picker, and says which were too large before uploading anything', () => {
    setup();
    const picker = screen.getByLabelText('发送文件或图片', { selector: 'input' });
    const big = new File(['x'], 'scan.png', { type: 'image/png' });
    Object.defineProperty(big, 'size', { value: MAX_MEDIA_BYTES + 1 });
    fireEvent.change(picker, { target: { files: [big, new File(['x'], 'notes.txt')] } });
    expect(outboxItems()).toMatchObject([{ type: 'FILE', fileName: 'notes.txt' }]);
    expect(screen.getByRole('alert').textContent).toContain('“scan.png”超过 10 MB，未发送');
    fireEvent.click(screen.getByRole('button', { name: '关闭提示' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('lists an upload with its progress, and Cancel takes it back', () => {
    const { field } = setup();
    fireEvent.paste(field, { clipboardData: { files: [new File(['zip'], 'photos.zip')] } });
    const [item] = outboxItems();
    act(() => useOutbox.getState().patch(item!.clientMsgId, { progress: 0.42 }));
    const bar = screen.getByRole('progressbar', { name: '正在上传 photos.zip' }) as HTMLProgressElement;
    expect(bar.value).toBe(0.42);
    fireEvent.click(screen.getByRole('button', { name: '取消上传' }));
    expect(outboxItems()).toEqual([]);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});

describe('a reply', () => {
  const quoted = message(7, { cId: 10, fromId: 2, message: '节目单周三发' });

  it('is quoted above the field, which takes the focus, and goes with the next message', async () => {
    const { field } = setup();
    field.blur();
    act(() => useReplyTargets.getState().replyTo(quoted));
    const preview = screen.getByRole('group', { name: '回复 李四' });
    expect(preview.textContent).toContain('节目单周三发');
    expect(document.activeElement).toBe(field);
    type(field, '好的');
    fireEvent.keyDown(field, { key: 'Enter' });
    await vi.waitFor(() => expect(sent[0]).toMatchObject({ message: '好的', replyTo: 7 }));
    expect(screen.queryByRole('group', { name: '回复 李四' })).toBeNull();
    type(field, '还有');
    fireEvent.keyDown(field, { key: 'Enter' });
    // It waits behind the first (whose answer never comes here): what it will send is in the outbox.
    expect(outboxItems()[1]).toMatchObject({ text: '还有' });
    expect(outboxItems()[1]!.replyTo).toBeUndefined();
  });

  it('is cancelled with ✕ or Escape', () => {
    const { field } = setup();
    act(() => useReplyTargets.getState().replyTo(quoted));
    fireEvent.click(screen.getByRole('button', { name: '取消回复' }));
    expect(screen.queryByRole('group', { name: /回复/ })).toBeNull();
    act(() => useReplyTargets.getState().replyTo(quoted));
    fireEvent.keyDown(field, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: /回复/ })).toBeNull();
    expect(useReplyTargets.getState().byWindow).toEqual({});
  });
});

describe('mentions in a group', () => {
  const picker = () => screen.queryByRole('listbox', { name: '提及成员' });
  const nameIn = (option: Element | null) => option?.querySelector('.mention-name')?.textContent;
  const options = () => screen.getAllByRole('option').map(nameIn);
  const active = (field: HTMLTextAreaElement) =>
    nameIn(document.getElementById(field.getAttribute('aria-activedescendant') ?? ''));

  it('opens on @ with the members but me, and everyone for the project’s owner; arrows move, Enter chooses', async () => {
    const { field } = setup(group);
    type(field, '@');
    await vi.waitFor(() => expect(picker()).not.toBeNull());
    expect(options()).toEqual(['所有人', '李四', '王五']);
    expect(field.getAttribute('aria-controls')).toBe(picker()!.id);
    expect(active(field)).toBe('所有人');
    fireEvent.keyDown(field, { key: 'ArrowDown' });
    expect(active(field)).toBe('李四');
    fireEvent.keyDown(field, { key: 'ArrowUp' });
    fireEvent.keyDown(field, { key: 'ArrowUp' });
    expect(active(field)).toBe('王五');
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(field.value).toBe('@王五 ');
    expect(picker()).toBeNull();
    expect(outboxItems()).toEqual([]);
    type(field, '@王五 节目单好了吗');
    fireEvent.keyDown(field, { key: 'Enter' });
    await vi.waitFor(() => expect(sent[0]).toMatchObject({ message: '@王五 节目单好了吗', mentions: [3] }));
  });

  it('filters by what is typed, Tab chooses, and only the names still in the text are sent', async () => {
    const { field } = setup(group);
    type(field, '请 @li');
    await vi.waitFor(() => expect(picker()).not.toBeNull());
    expect(options()).toEqual(['李四']);
    fireEvent.keyDown(field, { key: 'Tab' });
    expect(field.value).toBe('请 @李四 ');
    type(field, '请 @李四 和 @');
    await vi.waitFor(() => expect(picker()).not.toBeNull());
    fireEvent.click(screen.getByRole('option', { name: /王五/ }));
    expect(field.value).toBe('请 @李四 和 @王五 ');
    // The user deletes one of them by hand.
    type(field, '请 和 @王五 看看');
    fireEvent.keyDown(field, { key: 'Enter' });
    await vi.waitFor(() => expect(sent[0]).toMatchObject({ mentions: [3] }));
  });

  it('closes on Escape, and the Escape does not cancel a reply too', async () => {
    const { field } = setup(group);
    act(() => useReplyTargets.getState().replyTo(message(7, { cId: 20, fromId: 2 })));
    type(field, '@');
    await vi.waitFor(() => expect(picker()).not.toBeNull());
    fireEvent.keyDown(field, { key: 'Escape' });
    expect(picker()).toBeNull();
    expect(useReplyTargets.getState().byWindow[20]).toBeDefined();
    type(field, '@w');
    expect(picker()).toBeNull();
  });

  it('offers no everyone to a member who does not own the project, and no picker one-to-one', async () => {
    vi.mocked(projectsApi.detail).mockResolvedValue(project(2));
    const { field, view } = setup(group);
    type(field, '@');
    await vi.waitFor(() => expect(picker()).not.toBeNull());
    expect(options()).toEqual(['李四', '王五']);
    view.unmount();
    const direct = setup();
    type(direct.field, '@');
    expect(picker()).toBeNull();
    expect(direct.field.hasAttribute('aria-autocomplete')).toBe(false);
  });
});
