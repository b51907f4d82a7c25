import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, upload, useTokenForRequests } from './http.js';

/** Stands in for XMLHttpRequest: keeps what was sent, and answers when the test says. */
class FakeRequest {
  static last: FakeRequest;
  headers: Record<string, string> = {};
  method = '';
  path = '';
  body: unknown;
  status = 0;
  responseText = '';
  upload: { onprogress?: (event: { lengthComputable: boolean; loaded: number; total: number }) => void } = {};
  onload?: () => void;
  onerror?: () => void;
  onabort?: () => void;
  aborted = false;
  constructor() {
    FakeRequest.last = this;
  }
  open(method: string, path: string) {
    this.method = method;
    this.path = path;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  answer(status: number, reply: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(reply);
    this.onload?.();
  }
}

const unauthorized = vi.fn();
beforeEach(() => {
  vi.stubGlobal('XMLHttpRequest', FakeRequest);
  unauthorized.mockReset();
  useTokenForRequests('t0k3n', unauthorized);
});
afterEach(() => vi.unstubAllGlobals());

describe('uploading a file', () => {
  const file = new Blob(['png bytes'], { type: 'image/png' });

  it('posts the raw file with the session’s token, reports progress and returns the data', async () => {
    const progress: number[] = [];
    const uploaded = upload<{ id: string }>('/api/attachments', file, {
      onProgress: (fraction) => progress.push(fraction),
    });
    const request = FakeRequest.last;
    expect(request).toMatchObject({ method: 'POST', path: '/api/attachments', body: file });
    expect(request.headers).toEqual({ authorization: 'Bearer t0k3n', 'content-type': 'image/png' });
    request.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 200 });
    request.upload.onprogress?.({ lengthComputable: false, loaded: 0, total: 0 });
    request.answer(201, { data: { id: 'a1' } });
    await expect(uploaded).resolves.toEqual({ id: 'a1' });
    expect(progress).toEqual([0.25]);
  });

  it('ends the session on a 401, like every other request', async () => {
    const uploaded = upload('/api/attachments', file, { onProgress: () => undefined });
    FakeRequest.last.answer(401, { msg: 'token expired' });
    await expect(uploaded).rejects.toEqual(new ApiError(401, 'token expired'));
    expect(unauthorized).toHaveBeenCalledTimes(1);
  });

  it('says so when the server is out of reach', async () => {
    const uploaded = upload('/api/attachments', file, { onProgress: () => undefined });
    FakeRequest.last.onerror?.();
    await expect(uploaded).rejects.toMatchObject({ status: 0 });
    expect(unauthorized).not.toHaveBeenCalled();
  });

  it('declares the type it is told to, whatever the file says', () => {
    void upload('/api/attachments', file, { onProgress: () => undefined, contentType: 'application/octet-stream' });
    expect(FakeRequest.last.headers['content-type']).toBe('application/octet-stream');
  });

  it('stops the transfer when its signal aborts, and rejects with an AbortError', async () => {
    const controller = new AbortController();
    const uploaded = upload('/api/attachments', file, { onProgress: () => undefined, signal: controller.signal });
    controller.abort();
    expect(FakeRequest.last.aborted).toBe(true);
    await expect(uploaded).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('does not start when its signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const before = FakeRequest.last;
    const uploaded = upload('/api/attachments', file, { onProgress: () => undefined, signal: controller.signal });
    await expect(uploaded).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeRequest.last).toBe(before);
  });
});
