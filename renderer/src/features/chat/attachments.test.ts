// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { chatApi } from '../../api/chat.js';
import { attachFiles, megabytes, refusal, useRefusedFiles } from './attachments.js';
import { message } from './chat-fixtures.js';
import { useOutbox } from './outbox.js';
import { useReplyTargets } from './reply-target.js';
import { uploadAttachment, MAX_FILE_BYTES, MAX_MEDIA_BYTES } from './upload.js';

vi.mock(import('./upload.js'), async (original) => ({
  ...(await original()),
  uploadAttachment: vi.fn((): Promise<never> => new Promise(() => undefined)),
}));

/** A file of a given size without holding its bytes: only `size` is read before uploading. */
function sized(name: string, type: string, size: number): File {
  const file = new File(['x'], name, { type });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

const items = () => Object.values(useOutbox.getState().items);

beforeEach(() => {
  useOutbox.setState({ items: {} });
  useRefusedFiles.setState({ byWindow: {} });
  useReplyTargets.setState({ byWindow: {} });
  URL.createObjectURL = vi.fn(() => 'blob:preview');
  vi.spyOn(chatApi, 'send').mockReturnValue(new Promise(() => undefined));
});

describe('files before they are uploaded', () => {
  it('holds images and sounds to 10 MB and any other file to 50 MB, and refuses an empty one', () => {
    expect(refusal(sized('a.png', 'image/png', MAX_MEDIA_BYTES))).toBeNull();
    expect(refusal(sized('a.png', 'image/png', MAX_MEDIA_BYTES + 1))).toEqual({
      name: 'a.png',
      reason: 'too-large',
      limit: MAX_MEDIA_BYTES,
    });
    expect(refusal(sized('a.mp3', 'audio/mpeg', MAX_MEDIA_BYTES + 1))).toMatchObject({ reason: 'too-large' });
    expect(refusal(sized('a.zip', 'application/zip', MAX_FILE_BYTES))).toBeNull();
    expect(refusal(sized('a.zip', 'application/zip', MAX_FILE_BYTES + 1))).toMatchObject({
      reason: 'too-large',
      limit: MAX_FILE_BYTES,
    });
    expect(refusal(sized('empty.txt', 'text/plain', 0))).toMatchObject({ reason: 'empty' });
    expect(megabytes(MAX_FILE_BYTES)).toBe('50 MB');
  });
});

describe('attaching files', () => {
  it('sends a shown image as an IMAGE and anything else as a FILE by name, keeping back what is too large', async () => {
    const queryClient = new QueryClient();
    const sent = attachFiles(queryClient, 10, 1, [
      sized('photo.png', 'image/png', 2048),
      sized('plan.pdf', 'application/pdf', 4096),
      sized('huge.iso', '', MAX_FILE_BYTES + 1),
      sized('drawing.svg', 'image/svg+xml', 100),
    ]);
    expect(sent).toBe(3);
    expect(items()).toMatchObject([
      { type: 'IMAGE', state: 'uploading', size: 2048 },
      { type: 'FILE', fileName: 'plan.pdf', size: 4096 },
      { type: 'FILE', fileName: 'drawing.svg' },
    ]);
    expect(useRefusedFiles.getState().byWindow[10]).toEqual([
      { name: 'huge.iso', reason: 'too-large', limit: MAX_FILE_BYTES },
    ]);
    await vi.waitFor(() =>
      expect(vi.mocked(uploadAttachment).mock.calls.map(([, options]) => options.name)).toEqual([
        undefined,
        'plan.pdf',
        'drawing.svg',
      ]),
    );
  });

  it('sends the reply being written with the first file, and the reply is then done', () => {
    const quoted = message(7, { cId: 10 });
    useReplyTargets.getState().replyTo(quoted);
    attachFiles(new QueryClient(), 10, 1, [sized('a.txt', 'text/plain', 3), sized('b.txt', 'text/plain', 3)]);
    expect(items().map((item) => item.replyTo?.id)).toEqual([7, undefined]);
    expect(useReplyTargets.getState().byWindow[10]).toBeUndefined();
  });

  it('keeps the reply when nothing could go', () => {
    useReplyTargets.getState().replyTo(message(7, { cId: 10 }));
    expect(attachFiles(new QueryClient(), 10, 1, [sized('e.txt', 'text/plain', 0)])).toBe(0);
    expect(useReplyTargets.getState().byWindow[10]?.id).toBe(7);
  });
});
