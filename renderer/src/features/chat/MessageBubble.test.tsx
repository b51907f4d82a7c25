// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useSettings } from '../../state/settings.js';
import { message } from './chat-fixtures.js';
import { clipLength, MessageBubble, messageBubble, outgoingBubble, type Bubble } from './MessageBubble.js';
import type { Outgoing } from './outbox.js';

const lisi = { id: 2, userName: 'lisi', nickname: '李四', image: '' };

function show(bubble: Bubble, { own = false, group = false } = {}) {
  const handlers = { onOpenImage: vi.fn(), onRetry: vi.fn(), onDiscard: vi.fn() };
  const view = render(
    <MessageBubble bubble={bubble} own={own} joined={false} sender={lisi} group={group} {...handlers} />,
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

  it('ticks own messages: sent, delivered, read', () => {
    const own = message(1, { fromId: 1 });
    show(messageBubble(own), { own: true });
    show(messageBubble({ ...own, delivered: true }), { own: true });
    show(messageBubble({ ...own, status: true }), { own: true });
    expect(screen.getByRole('img', { name: '已发送' }).textContent).toBe('✓');
    expect(screen.getByRole('img', { name: '已送达' }).textContent).toBe('✓✓');
    expect(screen.getByRole('img', { name: '已读' }).className).toContain('read');
  });

  it('puts no ticks on other people’s messages, and names the sender in a group', () => {
    show(messageBubble(message(1, { status: true })), { group: true });
    expect(screen.queryByRole('img', { name: '已读' })).toBeNull();
    expect(screen.getByText('李四')).toBeTruthy();
  });

  it('offers a retry for a message that was interrupted, with its client id', () => {
    const failed: Bubble = {
      ...messageBubble(message(1, { fromId: 1 })),
      id: null,
      delivery: 'failed',
      failure: 'interrupted',
    };
    const { onRetry, onDiscard } = show(failed, { own: true });
    expect(screen.getByText('发送失败')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
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

  it('plays a voice message with its length', () => {
    const voice = message(1, { type: 'VOICE', message: '', voiceLength: 75, attachment: { id: 'v', url: '/v' } });
    const { view } = show(messageBubble(voice));
    const audio = view.container.querySelector('audio')!;
    expect(audio.controls).toBe(true);
    expect(audio.getAttribute('aria-label')).toBe('语音消息，1:15');
    expect(screen.getByText('1:15')).toBeTruthy();
    expect(clipLength(5)).toBe('0:05');
  });
});
