// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useSettings } from '../../state/settings.js';
import { message } from './chat-fixtures.js';
import { MessageBubble, messageBubble, outgoingBubble, type Bubble } from './MessageBubble.js';
import { clipLength } from './clip-length.js';
import type { Outgoing } from './outbox.js';

const lisi = { id: 2, userName: 'lisi', nickname: '李四', image: '' };
const people = new Map([[2, lisi]]);

function show(bubble: Bubble, { own = false, group = false } = {}) {
  const handlers = { onOpenImage: vi.fn(), onRetry: vi.fn(), onDiscard: vi.fn() };
  const view = render(
    <MessageBubble
      bubble={bubble}
      own={own}
      joined={false}
      sender={lisi}
      group={group}
      me={1}
      people={people}
      {...handlers}
    />,
  );
  return { ...handlers, view };
}

beforeEach(() => useSettings.setState({ language: 'zh-CN' }));
afterEach(cleanup);

describe('a message bubble', () => {
  it('shows HTML and script as the text they are', () => {
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const { view } = show(messageBubble(message(1, { message: hostile })));
    expect(screen.getByText(hostile)).toBeTruthy();
    expect(view.container.querySelector('img, script')).toBeNull();
  });

  it('ticks own messages from the receipts they carry, so a reload shows them: sent, delivered, read', () => {
    const own = message(1, { fromId: 1 });
    show(messageBubble(own), { own: true });
    show(messageBubble({ ...own, deliveredAt: 5 }), { own: true });
    show(messageBubble({ ...own, deliveredAt: 5, readAt: 6 }), { own: true });
    expect(screen.getByRole('img', { name: '已发送' }).textContent).toBe('✓');
    expect(screen.getByRole('img', { name: '已送达' }).textContent).toBe('✓✓');
    expect(screen.getByRole('img', { name: '已读' }).className).toContain('read');
  });

  it('puts no ticks on other people’s messages, and names the sender in a group', () => {
    show(messageBubble(message(1, { status: true })), { group: true });
    expect(screen.queryByRole('img', { name: '已读' })).toBeNull();
    expect(screen.getByText('李四')).toBeTruthy();
  });

  it('says a message waiting for the connection goes by itself, and offers to retry now or delete it', () => {
    const waiting: Bubble = { ...messageBubble(message(1, { fromId: 1 })), id: null, delivery: 'queued' };
    const { onRetry, onDiscard } = show(waiting, { own: true });
    expect(screen.getByText('等待网络，恢复后自动发送')).toBeTruthy();
    expect(screen.queryByText('发送失败')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '立即重试' }));
    fireEvent.click(screen.getByRole('button', { name: '删除' }));
    expect(onRetry).toHaveBeenCalledWith('client-1');
    expect(onDiscard).toHaveBeenCalledWith('client-1');
  });

  it('says why the server refused a message, and offers only to delete it', () => {
    const refused = (failure: Bubble['failure']): Bubble => ({
      ...messageBubble(message(1, { fromId: 1, type: 'IMAGE', message: '' })),
      id: null,
      mediaUrl: 'blob:local',
      delivery: 'failed',
      failure,
    });
    show(refused('unsupported-type'), { own: true });
    expect(screen.getByText('不支持的文件类型')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '重试' })).toBeNull();
    expect(screen.getByRole('button', { name: '删除' })).toBeTruthy();
    cleanup();

    useSettings.setState({ language: 'en' });
    show(refused('too-large'), { own: true });
    expect(screen.getByText('The file is too large')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Delete' })).toBeTruthy();
  });

  it('carries an outbox item’s failure only while it has failed', () => {
    const item: Outgoing = {
      clientMsgId: 'c1',
      cId: 10,
      fromId: 1,
      order: 1,
      type: 'IMAGE',
      text: '',
      previewUrl: 'blob:local',
      state: 'failed',
      failure: 'too-large',
      progress: 0.3,
      created_at: '2024-05-01T09:00:00.000Z',
    };
    expect(outgoingBubble(item)).toMatchObject({ delivery: 'failed', failure: 'too-large', mediaUrl: 'blob:local' });
    expect(outgoingBubble({ ...item, state: 'uploading' }).failure).toBeNull();
    expect(outgoingBubble({ ...item, state: 'queued', failure: 'interrupted' })).toMatchObject({
      delivery: 'queued',
      failure: null,
    });
  });

  it('shows an image as a thumbnail that opens large', () => {
    const url = '/api/attachments/abc?u=1&exp=2&sig=3';
    const { onOpenImage } = show(
      messageBubble(message(1, { type: 'IMAGE', message: '', attachment: { id: 'abc', url } })),
    );
    fireEvent.click(screen.getByRole('button', { name: '查看大图' }));
    expect(onOpenImage).toHaveBeenCalledWith(url);
    expect(screen.getByRole('img', { name: '图片' }).getAttribute('src')).toBe(url);
  });

  it('shows the upload progress of an image on its way', () => {
    const uploading: Bubble = {
      ...messageBubble(message(1, { fromId: 1, type: 'IMAGE', message: '' })),
      mediaUrl: 'blob:local',
      delivery: 'uploading',
      progress: 0.42,
    };
    show(uploading, { own: true });
    expect(screen.getByRole('progressbar', { name: '上传进度' })).toHaveProperty('value', 0.42);
    expect(screen.getByText('上传中 42%')).toBeTruthy();
  });

  it('plays a voice message with its own player: play/pause, position, length', () => {
    const voice = message(1, { type: 'VOICE', message: '', voiceLength: 75, attachment: { id: 'v', url: '/v' } });
    const { view } = show(messageBubble(voice));
    const audio = view.container.querySelector('audio')!;
    expect(audio.controls).toBe(false);
    expect(screen.getByRole('group', { name: '语音消息，1:15' })).toBeTruthy();
    expect(screen.getByText('1:15')).toBeTruthy();
    const play = vi.spyOn(audio, 'play').mockResolvedValue(undefined);
    fireEvent.click(screen.getByRole('button', { name: '播放语音' }));
    expect(play).toHaveBeenCalled();
    fireEvent.play(audio);
    expect(screen.getByRole('button', { name: '暂停语音' })).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: '播放进度' })).toHaveProperty('max', 75);
    // Playing, it counts up from the start.
    expect(screen.getByText('0:00')).toBeTruthy();
    expect(clipLength(5)).toBe('0:05');
  });

  it('shows a file as a card with its name and a link that downloads it under that name', () => {
    const file = message(1, {
      type: 'FILE',
      message: '',
      fileName: '报价单.pdf',
      attachment: { id: 'f', url: '/f?sig=1' },
    });
    show(messageBubble(file));
    const link = screen.getByRole('link', { name: '下载 报价单.pdf' });
    expect(link.getAttribute('href')).toBe('/f?sig=1');
    expect(link.getAttribute('download')).toBe('报价单.pdf');
    expect(screen.getByText('PDF')).toBeTruthy();
  });

  it('shows what a reply answers, a forward, and an edit', () => {
    const reply = message(1, {
      replyTo: { id: 0, fromId: 2, summary: '几点开会？', recalled: false },
      forwarded: true,
      editedAt: 5,
    });
    show(messageBubble(reply));
    expect(screen.getByText('回复 李四：几点开会？')).toBeTruthy();
    expect(screen.getByText('转发')).toBeTruthy();
    expect(screen.getByText('已编辑')).toBeTruthy();
  });

  it('is an article named by who sent it and what it says, then when, in both languages', () => {
    show(messageBubble(message(1, { fromId: 1, message: '明天见' })), { own: true });
    show(messageBubble(message(2, { message: '好的' })));
    show(messageBubble(message(3, { type: 'FILE', message: '', fileName: '报价单.pdf' })));
    expect(screen.getByRole('article', { name: /^我：明天见（\d{2}:\d{2}）$/ })).toBeTruthy();
    expect(screen.getByRole('article', { name: /^李四：好的（/ })).toBeTruthy();
    expect(screen.getByRole('article', { name: /^李四：\[文件\] 报价单\.pdf（/ })).toBeTruthy();
    cleanup();

    useSettings.setState({ language: 'en' });
    const own = message(1, { fromId: 1, message: 'See you', deliveredAt: 5 });
    show(messageBubble(own), { own: true });
    show(messageBubble(message(2, { type: 'IMAGE', message: '' })));
    const mine = screen.getByRole('article', { name: /^You: See you \(\d{1,2}:\d{2}( [AP]M)?\)$/ });
    expect(within(mine).getByRole('img', { name: 'Delivered' })).toBeTruthy();
    expect(screen.getByRole('article', { name: /^李四: \[Image\] \(/ })).toBeTruthy();
  });

  it('is an article while it is still on its way too', () => {
    const sending: Bubble = {
      ...messageBubble(message(1, { fromId: 1, message: '马上到' })),
      id: null,
      delivery: 'sending',
    };
    show(sending, { own: true });
    expect(screen.getByRole('article', { name: /^我：马上到（/ })).toBeTruthy();
  });

  it('quotes what an outgoing reply answers, before the server has it', () => {
    const item: Outgoing = {
      clientMsgId: 'c1',
      cId: 10,
      fromId: 1,
      order: 1,
      type: 'TEXT',
      text: '好',
      state: 'sending',
      progress: 0,
      created_at: '2024-05-01T09:00:00.000Z',
      replyTo: { id: 4, fromId: 2, type: 'FILE', message: '', fileName: 'a.zip', recalled: false },
    };
    expect(outgoingBubble(item).quote).toEqual({ id: 4, fromId: 2, recalled: false, summary: '[文件] a.zip' });
  });
});
