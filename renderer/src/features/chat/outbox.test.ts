// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/http.js';
import { chatApi, type OutgoingMessage } from '../../api/chat.js';
import { queryKeys } from '../../api/query-keys.js';
import { message } from './chat-fixtures.js';
import type { History } from './history.js';
import { messageActionsApi } from '../../api/message-actions.js';
import {
  cancelOutgoing,
  closeOutbox,
  restoreOutbox,
  retryable,
  retryNow,
  sendFailure,
  sendFile,
  sendForward,
  sendImage,
  sendText,
  sendVoice,
  useOutbox,
  type Outgoing,
} from './outbox.js';
import { forgetOutboxesExcept, storedOutbox, storeOutgoing } from './outbox-storage.js';
import { uploadAttachment } from './upload.js';

vi.mock('./upload.js', () => ({ uploadAttachment: vi.fn() }));

const me = 1;
const items = () => Object.values(useOutbox.getState().items);

function cacheWithHistory() {
  const queryClient = new QueryClient();
  queryClient.setQueryData<History>(queryKeys.history(10), { messages: [], complete: true, reachesLatest: true });
  return queryClient;
}

/** The server's copy of what was sent. */
const echo = (cId: number, outgoing: OutgoingMessage) =>
  message(40, { cId, fromId: me, message: outgoing.message, type: outgoing.type, clientMsgId: outgoing.clientMsgId });

beforeEach(async () => {
  vi.mocked(uploadAttachment).mockReset();
  await forgetOutboxesExcept(null);
  URL.createObjectURL = vi.fn(() => 'blob:preview');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  closeOutbox();
  vi.restoreAllMocks();
});

describe('sending', () => {
  it('shows the message at once, then swaps in the server’s copy', async () => {
    const queryClient = cacheWithHistory();
    const send = vi.spyOn(chatApi, 'send').mockImplementation(async (cId, outgoing) => echo(cId, outgoing));
    sendText(queryClient, 10, me, '你好');
    expect(items()).toMatchObject([{ cId: 10, text: '你好', state: 'sending' }]);
    await vi.waitFor(() => expect(items()).toEqual([]));
    expect(send).toHaveBeenCalledWith(
      10,
      { message: '你好', type: 'TEXT', clientMsgId: expect.any(String) },
      expect.any(AbortSignal),
    );
    expect(queryClient.getQueryData<History>(queryKeys.history(10))!.messages.map((m) => m.message)).toEqual(['你好']);
  });

  it('a message that could not go waits, then goes again by itself with the same client id', async () => {
    const queryClient = cacheWithHistory();
    const send = vi
      .spyOn(chatApi, 'send')
      .mockRejectedValueOnce(new ApiError(0, 'network unreachable'))
      .mockImplementation(async (cId, outgoing) => echo(cId, outgoing));
    sendText(queryClient, 10, me, '在吗');
    await vi.waitFor(() => expect(items()).toMatchObject([{ state: 'queued', failure: 'interrupted' }]));
    await vi.waitFor(() => expect(items()).toEqual([]), { timeout: 3000 });
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1]![1].clientMsgId).toBe(send.mock.calls[0]![1].clientMsgId);
    expect(queryClient.getQueryData<History>(queryKeys.history(10))!.messages).toHaveLength(1);
  });

  it('uploads an image with progress, then sends it as an IMAGE; "retry now" does not upload it again', async () => {
    const queryClient = cacheWithHistory();
    const progressSeen: number[] = [];
    vi.mocked(uploadAttachment).mockImplementation(async (_file, { onProgress }) => {
      onProgress(0.5);
      progressSeen.push(items()[0]!.progress);
      return { id: 'a'.repeat(24), url: '/api/attachments/x', size: 3, mime: 'image/png', name: null };
    });
    const send = vi
      .spyOn(chatApi, 'send')
      .mockRejectedValueOnce(new ApiError(500, 'internal server error'))
      .mockImplementation(async (cId, outgoing) => echo(cId, outgoing));

    sendImage(queryClient, 10, me, new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }));
    expect(items()).toMatchObject([{ type: 'IMAGE', state: 'uploading', previewUrl: 'blob:preview' }]);
    await vi.waitFor(() => expect(items()).toMatchObject([{ state: 'queued', attachmentId: 'a'.repeat(24) }]));
    expect(progressSeen).toEqual([0.5]);

    await retryNow(queryClient, items()[0]!.clientMsgId);
    expect(uploadAttachment).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[1]![1]).toMatchObject({ type: 'IMAGE', attachmentId: 'a'.repeat(24), message: '' });
    expect(items()).toEqual([]);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:preview');
  });

  it('sends a window’s messages in the order written: one that cannot go holds back the later ones there only', async () => {
    const queryClient = cacheWithHistory();
    let down = true;
    const send = vi.spyOn(chatApi, 'send').mockImplementation(async (cId, outgoing) => {
      if (down) throw new ApiError(503, 'unavailable');
      return echo(cId, outgoing);
    });
    sendText(queryClient, 10, me, 'one');
    await vi.waitFor(() => expect(items()).toMatchObject([{ state: 'queued' }]));
    sendText(queryClient, 10, me, 'two');
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(2));
    // "two" asked for a send; the queue tried "one" again, which still could not go.
    expect(send.mock.calls.map(([, outgoing]) => outgoing.message)).toEqual(['one', 'one']);
    await vi.waitFor(() => expect(items().map((item) => item.state)).toEqual(['queued', 'queued']));
    down = false;
    await retryNow(queryClient, items()[1]!.clientMsgId);
    expect(send.mock.calls.slice(2).map(([, outgoing]) => outgoing.message)).toEqual(['one', 'two']);
    expect(items()).toEqual([]);
  });

  it('forwards through the outbox: shown as the original at once, sent as a copy of it', async () => {
    const queryClient = cacheWithHistory();
    const forward = vi
      .spyOn(messageActionsApi, 'forward')
      .mockImplementation(async (cId, forwardOf, clientMsgId) =>
        message(41, { cId, fromId: me, message: '会议纪要', forwarded: true, clientMsgId }),
      );
    sendForward(queryClient, 10, me, message(7, { cId: 11, fromId: 2, message: '会议纪要' }));
    expect(items()).toMatchObject([{ cId: 10, type: 'TEXT', text: '会议纪要', forwardOf: 7 }]);
    await vi.waitFor(() => expect(items()).toEqual([]));
    expect(forward).toHaveBeenCalledWith(10, 7, expect.any(String), expect.any(AbortSignal));
  });
});

describe('the outbox on disk', () => {
  const kept = (order: number, change: Partial<Outgoing> = {}): Outgoing => ({
    clientMsgId: `c-${order}`,
    cId: 10,
    fromId: me,
    order,
    type: 'TEXT',
    text: `message ${order}`,
    state: 'sending',
    progress: 0,
    created_at: '2026-12-03T08:00:00.000Z',
    ...change,
  });

  it('holds a message before its request is made, and lets it go once the server has it', async () => {
    const queryClient = cacheWithHistory();
    const onDisk: string[][] = [];
    vi.spyOn(chatApi, 'send').mockImplementation(async (cId, outgoing) => {
      onDisk.push((await storedOutbox(me)).map((item) => item.text));
      return echo(cId, outgoing);
    });
    sendText(queryClient, 10, me, '不会丢');
    await vi.waitFor(() => expect(items()).toEqual([]));
    expect(onDisk).toEqual([['不会丢']]);
    await vi.waitFor(async () => expect(await storedOutbox(me)).toEqual([]));
  });

  it('after a reload shows what the server never confirmed and sends it by itself, in order, the image uploaded', async () => {
    const image = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    await storeOutgoing(kept(3, { text: 'third' }));
    await storeOutgoing(kept(1, { text: 'first' }));
    await storeOutgoing(kept(2, { type: 'IMAGE', text: '', file: image, size: 4 }));
    await storeOutgoing(kept(4, { fromId: 2, text: 'someone else’s' }));
    vi.mocked(uploadAttachment).mockResolvedValue({
      id: 'i'.repeat(24),
      url: '/api/attachments/i',
      size: 4,
      mime: 'image/png',
      name: null,
    });
    const sent: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    vi.spyOn(chatApi, 'send').mockImplementation(async (cId, outgoing) => {
      await held;
      sent.push(outgoing.type === 'IMAGE' ? `image ${outgoing.attachmentId!.slice(0, 1)}` : outgoing.message);
      return echo(cId, outgoing);
    });

    await restoreOutbox(cacheWithHistory(), me);
    expect(
      items().map((item) => [
        item.text,
        item.state === 'uploading' || item.state === 'sending' || item.state === 'queued',
      ]),
    ).toEqual([
      ['first', true],
      ['', true],
      ['third', true],
    ]);
    expect(items().find((item) => item.type === 'IMAGE')!.previewUrl).toBe('blob:preview');
    release();
    await vi.waitFor(() => expect(items()).toEqual([]));
    // The image takes its turn once uploaded, and what comes after it waits for it.
    expect(sent).toEqual(['first', 'image i', 'third']);
    // The device keeps one user's outbox: restoring this user's dropped the other's.
    expect(await storedOutbox(2)).toEqual([]);
  });

  it('keeps a refusal across a reload, with its reason, and sends it no more', async () => {
    await storeOutgoing(kept(1, { state: 'failed', failure: 'unsupported-type' }));
    const send = vi.spyOn(chatApi, 'send');
    await restoreOutbox(cacheWithHistory(), me);
    expect(items()).toMatchObject([{ state: 'failed', failure: 'unsupported-type' }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(send).not.toHaveBeenCalled();
  });
});

describe('voice messages, files, replies and mentions', () => {
  const attachment = (id: string) => ({ id, url: `/api/attachments/${id}`, size: 3, mime: 'audio/webm', name: null });

  it('uploads a voice clip and sends it as VOICE with its length', async () => {
    const queryClient = cacheWithHistory();
    vi.mocked(uploadAttachment).mockResolvedValue(attachment('v'.repeat(24)));
    const send = vi.spyOn(chatApi, 'send').mockImplementation(async (cId, outgoing) => echo(cId, outgoing));
    sendVoice(queryClient, 10, me, new Blob(['opus'], { type: 'audio/webm;codecs=opus' }), 4);
    expect(items()).toMatchObject([{ type: 'VOICE', voiceLength: 4, size: 4, previewUrl: 'blob:preview' }]);
    await vi.waitFor(() => expect(items()).toEqual([]));
    expect(vi.mocked(uploadAttachment).mock.calls[0]![1].name).toBeUndefined();
    expect(send.mock.calls[0]![1]).toEqual({
      message: '',
      type: 'VOICE',
      clientMsgId: expect.any(String),
      attachmentId: 'v'.repeat(24),
      voiceLength: 4,
    });
  });

  it('uploads a file by name and sends it as FILE with that name, as a reply with its mentions', async () => {
    const queryClient = cacheWithHistory();
    vi.mocked(uploadAttachment).mockResolvedValue(attachment('f'.repeat(24)));
    const send = vi.spyOn(chatApi, 'send').mockImplementation(async (cId, outgoing) => echo(cId, outgoing));
    const quoted = message(7, { cId: 10 });
    sendFile(queryClient, 10, me, new File(['%PDF'], '计划.pdf', { type: 'application/pdf' }), { replyTo: quoted });
    expect(items()).toMatchObject([{ type: 'FILE', fileName: '计划.pdf', size: 4, replyTo: { id: 7 } }]);
    await vi.waitFor(() => expect(items()).toEqual([]));
    expect(vi.mocked(uploadAttachment).mock.calls[0]![1].name).toBe('计划.pdf');
    expect(send.mock.calls[0]![1]).toMatchObject({ type: 'FILE', fileName: '计划.pdf', replyTo: 7 });

    sendText(queryClient, 10, me, '@所有人 看一下', { mentions: ['all'] });
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(2));
    expect(send.mock.calls[1]![1]).toMatchObject({ type: 'TEXT', mentions: ['all'] });
  });

  it('cancels an upload in progress: the transfer is aborted, the message is gone and nothing is sent', async () => {
    const queryClient = cacheWithHistory();
    let signal: AbortSignal | undefined;
    vi.mocked(uploadAttachment).mockImplementation(
      (_file, options) =>
        new Promise((_resolve, reject) => {
          signal = options.signal;
          signal?.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')));
        }),
    );
    const send = vi.spyOn(chatApi, 'send');
    sendFile(queryClient, 10, me, new File(['zip'], 'big.zip'));
    await vi.waitFor(() => expect(signal).toBeDefined());
    cancelOutgoing(items()[0]!.clientMsgId);
    expect(signal!.aborted).toBe(true);
    expect(items()).toEqual([]);
    await Promise.resolve();
    expect(send).not.toHaveBeenCalled();
  });
});

describe('a message that did not go', () => {
  it('says why the server refused it, and a refusal is not worth retrying', () => {
    expect(sendFailure(new ApiError(415, 'the file is not one of the allowed types'))).toBe('unsupported-type');
    expect(sendFailure(new ApiError(413, 'request body is too large'))).toBe('too-large');
    expect(sendFailure(new ApiError(422, 'the body is empty'))).toBe('refused');
    expect(sendFailure(new ApiError(403, 'not a member of this window'))).toBe('refused');
    for (const failure of ['unsupported-type', 'too-large', 'refused'] as const) expect(retryable(failure)).toBe(false);
  });

  it('may go through on a retry after a lost connection, a server error, a timeout or a slow-down', () => {
    for (const error of [
      new ApiError(0, 'network unreachable'),
      new ApiError(500, 'internal server error'),
      new ApiError(503, 'unavailable'),
      new ApiError(408, 'request timeout'),
      new ApiError(429, 'too many requests'),
      new TypeError('failed to fetch'),
    ])
      expect(retryable(sendFailure(error))).toBe(true);
  });

  it('keeps the reason for an image the server refused', async () => {
    const queryClient = cacheWithHistory();
    vi.mocked(uploadAttachment).mockRejectedValueOnce(
      new ApiError(415, 'the file is declared image/png but its bytes are not'),
    );
    const send = vi.spyOn(chatApi, 'send');
    sendImage(queryClient, 10, me, new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }));
    await vi.waitFor(() => expect(items()).toMatchObject([{ state: 'failed', failure: 'unsupported-type' }]));
    expect(send).not.toHaveBeenCalled();
  });
});
