// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/http.js';
import { chatApi, type OutgoingMessage } from '../../api/chat.js';
import { queryKeys } from '../../api/query-keys.js';
import { message } from './chat-fixtures.js';
import type { History } from './history.js';
import { deliver, sendImage, sendText, useOutbox } from './outbox.js';
import { uploadAttachment } from './upload.js';

vi.mock('./upload.js', () => ({ uploadAttachment: vi.fn() }));

const me = 1;
const items = () => Object.values(useOutbox.getState().items);

function cacheWithHistory() {
  const queryClient = new QueryClient();
  queryClient.setQueryData<History>(queryKeys.history(10), { messages: [], complete: true });
  return queryClient;
}

/** The server's copy of what was sent. */
const echo = (cId: number, outgoing: OutgoingMessage) =>
  message(40, { cId, fromId: me, message: outgoing.message, type: outgoing.type, clientMsgId: outgoing.clientMsgId });

beforeEach(() => {
  useOutbox.setState({ items: {} });
  URL.createObjectURL = vi.fn(() => 'blob:preview');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => vi.restoreAllMocks());

describe('sending', () => {
  it('shows the message at once, then swaps in the server’s copy', async () => {
    const queryClient = cacheWithHistory();
    const send = vi.spyOn(chatApi, 'send').mockImplementation(async (cId, outgoing) => echo(cId, outgoing));
    sendText(queryClient, 10, me, '你好');
    expect(items()).toMatchObject([{ cId: 10, text: '你好', state: 'sending' }]);
    await vi.waitFor(() => expect(items()).toEqual([]));
    expect(send).toHaveBeenCalledWith(10, { message: '你好', type: 'TEXT', clientMsgId: expect.any(String) });
    expect(queryClient.getQueryData<History>(queryKeys.history(10))!.messages.map((m) => m.message)).toEqual(['你好']);
  });

  it('marks a failed message failed; a retry sends it again with the same client id', async () => {
    const queryClient = cacheWithHistory();
    const send = vi
      .spyOn(chatApi, 'send')
      .mockRejectedValueOnce(new ApiError(0, 'network unreachable'))
      .mockImplementation(async (cId, outgoing) => echo(cId, outgoing));
    sendText(queryClient, 10, me, '在吗');
    await vi.waitFor(() => expect(items()).toMatchObject([{ state: 'failed' }]));
    const [failed] = items();

    await deliver(queryClient, failed!.clientMsgId);
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1]![1].clientMsgId).toBe(send.mock.calls[0]![1].clientMsgId);
    expect(items()).toEqual([]);
    expect(queryClient.getQueryData<History>(queryKeys.history(10))!.messages).toHaveLength(1);
  });

  it('uploads an image with progress, then sends it as an IMAGE; a retry does not upload it again', async () => {
    const queryClient = cacheWithHistory();
    const progressSeen: number[] = [];
    vi.mocked(uploadAttachment).mockImplementation(async (_file, onProgress) => {
      onProgress(0.5);
      progressSeen.push(items()[0]!.progress);
      return { id: 'a'.repeat(24), url: '/api/attachments/x', size: 3, mime: 'image/png' };
    });
    const send = vi
      .spyOn(chatApi, 'send')
      .mockRejectedValueOnce(new ApiError(500, 'internal server error'))
      .mockImplementation(async (cId, outgoing) => echo(cId, outgoing));

    sendImage(queryClient, 10, me, new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }));
    expect(items()).toMatchObject([{ type: 'IMAGE', state: 'uploading', previewUrl: 'blob:preview' }]);
    await vi.waitFor(() => expect(items()).toMatchObject([{ state: 'failed', attachmentId: 'a'.repeat(24) }]));
    expect(progressSeen).toEqual([0.5]);

    await deliver(queryClient, items()[0]!.clientMsgId);
    expect(uploadAttachment).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[1]![1]).toMatchObject({ type: 'IMAGE', attachmentId: 'a'.repeat(24), message: '' });
    expect(items()).toEqual([]);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:preview');
  });
});
